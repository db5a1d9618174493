import path from "node:path";
import { startEmbedded } from "../../lib/db/embedded";
import type { BenchOptions } from "../options";

/** The PostgreSQL server the bench databases live on: the one at --url, or an embedded one kept in --data-dir. */
export interface BenchServer {
  /** A URL of the server's `postgres` database, to create and drop databases from. */
  adminUrl: string;
  embedded: boolean;
  /** Settings chosen for the embedded server (what the table's figures depend on), none for --url. */
  settings: string[];
  stop(): Promise<void>;
}

/**
 * Settings of a modest dedicated replica on this machine (2 cores, 24 GB): a
 * shared buffer pool and planner cache size that fit the largest dataset, a
 * working memory the reports' sorts and hashes fit in, and bulk-load room for
 * the generator. fsync is off (`fast`): the data is regenerated, never precious.
 * Planner cost constants keep PostgreSQL's defaults.
 */
const EMBEDDED_SETTINGS = [
  "shared_buffers=4GB",
  "effective_cache_size=16GB",
  "work_mem=32MB",
  "maintenance_work_mem=1GB",
  "max_wal_size=16GB",
  "checkpoint_timeout=30min",
];

export async function benchServer(options: BenchOptions): Promise<BenchServer> {
  if (options.url) {
    return { adminUrl: options.url, embedded: false, settings: [], stop: async () => {} };
  }
  const server = await startEmbedded({
    dataDir: path.resolve(options.dataDir),
    port: options.pgPort,
    fast: true,
    postgresFlags: EMBEDDED_SETTINGS.flatMap((s) => ["-c", s]),
  });
  return { adminUrl: server.url("postgres"), embedded: true, settings: EMBEDDED_SETTINGS, stop: server.stop };
}
