import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbedded } from "./embedded";

/** The embedded server writes no log file: when it does not start, the error carries what it said. */
describe("the embedded PostgreSQL", () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("says why it did not start, in PostgreSQL's words", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "lookback-embedded-"));
    await chmod(dir, 0o755); // run as root, the server runs as the postgres user, who must reach its folder
    const started = startEmbedded({
      dataDir: path.join(dir, "pg"),
      port: 54371,
      fast: true,
      postgresFlags: ["-c", "no_such_setting=1"],
    });
    await expect(started).rejects.toThrow(
      /did not start\. It said:\n {2}\S+ \S+ \S+ \[\d+\] FATAL: {2}unrecognized configuration parameter "no_such_setting"$/,
    );
  }, 120_000);
});
