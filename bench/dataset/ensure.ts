import pg from "pg";
import {
  createRecommendedIndexes,
  createSourceDatabase,
  databaseExists,
  databaseUrl,
  dropDatabase,
  withClient,
} from "../../lib/db/setup";
import { SOURCES, type Source } from "../../lib/db/sources";
import { generateDemo } from "../../lib/demo";
import { countRows } from "./counts";
import { ensureHistoryIndex, type HistoryIndex } from "./history";
import { type DatasetMarker, generatorHash, readMarker, writeMarker } from "./marker";

/** One generated history, on the bench server: the two source databases the app under test reads. */
export interface Dataset {
  scale: number;
  helpdeskUrl: string;
  billingUrl: string;
  marker: DatasetMarker;
  reused: boolean;
  /** Recommended indexes created now (new files since the dataset was made), and how long they took. */
  newIndexes: string[];
  indexSeconds: number;
  /** Lookback's own database with the history index of this helpdesk. */
  history: HistoryIndex;
}

export interface DatasetRequest {
  adminUrl: string;
  scale: number;
  seed: number;
  endDate: string;
  regenerate: boolean;
  storeSuffix: string;
  log: (message: string) => void;
}

export const databaseName = (scale: number, source: Source | "lookback") =>
  `bench_s${String(scale).replace(".", "_")}_${source}`;

/**
 * The dataset for one scale: reused when a finished one with the same scale,
 * seed and end date exists, else generated (data first, then the recommended
 * indexes, then ANALYZE, which is faster than loading into indexed tables).
 * Either way the recommended indexes are brought up to date, since reports
 * add index files as they grow.
 */
export async function ensureDataset(request: DatasetRequest): Promise<Dataset> {
  const { adminUrl, scale } = request;
  const names = {
    helpdesk: databaseName(scale, "helpdesk"),
    billing: databaseName(scale, "billing"),
    lookback: databaseName(scale, "lookback") + request.storeSuffix,
  };
  const existing = request.regenerate ? undefined : await reusable(request, names.helpdesk, names.billing);
  const marker = existing ?? (await generate(request, names));
  const helpdeskUrl = databaseUrl(adminUrl, names.helpdesk);
  const billingUrl = databaseUrl(adminUrl, names.billing);
  const started = performance.now();
  const newIndexes = [
    ...(await updateIndexes(helpdeskUrl, "helpdesk")),
    ...(await updateIndexes(billingUrl, "billing")),
  ];
  const indexSeconds = (performance.now() - started) / 1000;
  if (newIndexes.length > 0) request.log(`  created ${newIndexes.join(", ")} in ${indexSeconds.toFixed(1)} s`);
  const history = await ensureHistoryIndex(adminUrl, names.lookback, helpdeskUrl, billingUrl, request.log);
  return { scale, helpdeskUrl, billingUrl, marker, reused: existing !== undefined, newIndexes, indexSeconds, history };
}

async function reusable(request: DatasetRequest, helpdesk: string, billing: string) {
  if (!(await databaseExists(request.adminUrl, helpdesk)) || !(await databaseExists(request.adminUrl, billing))) {
    return undefined;
  }
  const marker = await readMarker(request.adminUrl, helpdesk);
  const same = marker?.scale === request.scale && marker.seed === request.seed && marker.endDate === request.endDate;
  if (!same) return undefined;
  request.log(`scale ${request.scale}: reusing ${helpdesk} and ${billing}`);
  if (marker.generator !== generatorHash()) {
    request.log("  note: lib/demo changed since this dataset was generated; --regenerate makes it again");
  }
  return marker;
}

async function generate(request: DatasetRequest, names: Record<Source, string>): Promise<DatasetMarker> {
  const { adminUrl, scale, seed, endDate, log } = request;
  log(`scale ${scale}: generating the demo history (seed ${seed}, ending ${endDate})…`);
  const loading = { helpdesk: `${names.helpdesk}_loading`, billing: `${names.billing}_loading` };
  const started = performance.now();
  const helpdeskUrl = await createSourceDatabase(adminUrl, loading.helpdesk, "helpdesk");
  const billingUrl = await createSourceDatabase(adminUrl, loading.billing, "billing");
  await generateDemo({
    helpdeskUrl,
    billingUrl,
    scale,
    seed,
    endDate,
    checksums: false,
    onProgress: (m) => log(`  ${m}`),
  });
  const generatedSeconds = (performance.now() - started) / 1000;
  log(`  generated in ${generatedSeconds.toFixed(0)} s; creating the recommended indexes…`);
  const indexed = performance.now();
  for (const source of SOURCES) {
    const url = source === "helpdesk" ? helpdeskUrl : billingUrl;
    await withClient(url, async (c) => {
      await c.query("SET maintenance_work_mem = '1GB'");
      await createRecommendedIndexes(c, source);
      await c.query("VACUUM (ANALYZE)");
    });
  }
  const indexSeconds = (performance.now() - indexed) / 1000;
  const counts = await countRows(helpdeskUrl, billingUrl);
  for (const source of SOURCES) {
    await dropDatabase(adminUrl, names[source]);
    await withClient(adminUrl, (c) =>
      c.query(`ALTER DATABASE ${pg.escapeIdentifier(loading[source])} RENAME TO ${pg.escapeIdentifier(names[source])}`),
    );
  }
  const marker: DatasetMarker = {
    scale,
    seed,
    endDate,
    generatedAt: new Date().toISOString(),
    generatedSeconds: Math.round(generatedSeconds),
    indexSeconds: Math.round(indexSeconds),
    counts,
    demoCertificates: counts.certificates,
    generator: generatorHash(),
  };
  await writeMarker(adminUrl, names.helpdesk, marker);
  log(
    `  ${counts.tickets} tickets, ${counts.ticket_events} events; indexes and ANALYZE in ${indexSeconds.toFixed(0)} s`,
  );
  return marker;
}

/** Runs every recommended index file (each is IF NOT EXISTS); returns the indexes that did not exist before. */
async function updateIndexes(url: string, source: Source): Promise<string[]> {
  return withClient(url, async (c) => {
    const before = await indexNames(c);
    await c.query("SET maintenance_work_mem = '1GB'");
    try {
      await createRecommendedIndexes(c, source);
    } catch (error) {
      throw new Error(`A recommended index in sql/indexes/${source}/ failed: ${(error as Error).message}`);
    }
    const created = [...(await indexNames(c))].filter((name) => !before.has(name));
    if (created.length > 0) await c.query("ANALYZE");
    return created;
  });
}

async function indexNames(client: pg.Client): Promise<Set<string>> {
  const { rows } = await client.query<{ name: string }>(
    "SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public'",
  );
  return new Set(rows.map((r) => r.name));
}
