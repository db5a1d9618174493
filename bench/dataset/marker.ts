import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { withClient } from "../../lib/db/setup";
import type { DatasetCounts } from "./counts";

/**
 * What a finished bench dataset is, kept as the comment of its helpdesk
 * database: a dataset is only reused when its marker says it was generated
 * to the end with the same scale, seed and end date. A half-generated one has
 * no marker (it is built under a `_loading` name and renamed when complete).
 */
export interface DatasetMarker {
  scale: number;
  seed: number;
  endDate: string;
  generatedAt: string;
  generatedSeconds: number;
  indexSeconds: number;
  counts: DatasetCounts;
  /** The demo's own certificates (before any --certs top-up). */
  demoCertificates: number;
  /** Hash of the generator's code (lib/demo): a dataset from other code is reused, with a warning. */
  generator?: string;
}

/** A hash of every file of the demo generator, to tell whether a dataset came from the current code. */
export function generatorHash(): string {
  const hash = createHash("sha1");
  const files = readdirSync(DEMO_DIR, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .sort();
  for (const file of files) hash.update(file).update(readFileSync(path.join(DEMO_DIR, file)));
  return hash.digest("hex").slice(0, 12);
}

const DEMO_DIR = path.resolve("lib/demo");

const PREFIX = "lookback-bench ";

export async function readMarker(adminUrl: string, database: string): Promise<DatasetMarker | undefined> {
  const comment = await withClient(adminUrl, async (c) => {
    const { rows } = await c.query<{ comment: string | null }>(
      "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1",
      [database],
    );
    return rows[0]?.comment ?? null;
  });
  if (!comment?.startsWith(PREFIX)) return undefined;
  return JSON.parse(comment.slice(PREFIX.length)) as DatasetMarker;
}

export async function writeMarker(adminUrl: string, database: string, marker: DatasetMarker): Promise<void> {
  await withClient(adminUrl, (c) =>
    c.query(
      `COMMENT ON DATABASE ${pg.escapeIdentifier(database)} IS ${pg.escapeLiteral(PREFIX + JSON.stringify(marker))}`,
    ),
  );
}
