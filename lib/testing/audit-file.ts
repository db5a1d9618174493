import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { resetConfig } from "../db/config";

/**
 * For a test file that reads the audit log: a fresh folder whose audit.log the configuration names (the
 * sources are never reached), removed afterwards with the environment restored. `dir()` is the folder,
 * `lines()` the log's entries as written.
 */
export function auditFileForTests() {
  let dir = "";
  const saved = { ...process.env };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "lookback-audit-"));
    Object.assign(process.env, {
      HELPDESK_DATABASE_URL: "postgres://unused/helpdesk",
      BILLING_DATABASE_URL: "postgres://unused/billing",
      LOOKBACK_AUDIT_FILE: path.join(dir, "audit.log"),
    });
    resetConfig();
  });
  afterAll(async () => {
    process.env = saved;
    resetConfig();
    await rm(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir,
    lines: async () => (await readFile(path.join(dir, "audit.log"), "utf8")).trim().split("\n"),
  };
}
