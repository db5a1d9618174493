/**
 * `npm run demo:rt`: the demo story served from a Request Tracker database.
 *
 * On the embedded PostgreSQL of `npm start` (.data/pg, port 54329), it takes
 * the demo helpdesk (generated first if missing, at LOOKBACK_DEMO_SCALE,
 * default 1), writes it into an RT 6.0 database `lookback_rt` as RT records
 * it (lib/sources/rt/testing/writer.ts, the writer the tests use), copies it
 * into Lookback's own database `lookback_rt_state` with the ingester, and
 * serves Lookback with HELPDESK_KIND=rt (through scripts/start.ts). The
 * mapping file and cost rates it uses are written to .data/rt/.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { startEmbedded } from "../lib/db/embedded";
import { createEmptyDatabase, createSourceDatabase, databaseExists } from "../lib/db/setup";

const PG_PORT = Number(process.env.LOOKBACK_EMBEDDED_PORT ?? 54329);
const DATA_DIR = process.env.LOOKBACK_DATA_DIR ?? ".data/pg";
const DEMO_SCALE = Number(process.env.LOOKBACK_DEMO_SCALE ?? 1);
const RT_DIR = path.resolve(".data/rt");

const embedded = await startEmbedded({ dataDir: DATA_DIR, port: PG_PORT });
let child: ChildProcess | undefined;
const stop = async (code: number) => {
  if (child?.exitCode === null) child.kill("SIGTERM");
  await embedded.stop().catch(() => {});
  process.exit(code);
};
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

try {
  const admin = embedded.url("postgres");
  const helpdesk = embedded.url("lookback_helpdesk");
  const billing = embedded.url("lookback_billing");
  if (!(await databaseExists(admin, "lookback_helpdesk")) || !(await databaseExists(admin, "lookback_billing"))) {
    console.log(`Creating the demo databases at scale ${DEMO_SCALE}…`);
    await createSourceDatabase(admin, "lookback_helpdesk", "helpdesk", { indexes: true });
    await createSourceDatabase(admin, "lookback_billing", "billing", { indexes: true });
    const { generateDemo } = await import("../lib/demo");
    await generateDemo({ helpdeskUrl: helpdesk, billingUrl: billing, scale: DEMO_SCALE, checksums: false });
  }
  const { createRtDatabase } = await import("../lib/sources/rt/testing/rt-database");
  const { costRatesCsv, writeRtHistory } = await import("../lib/sources/rt/testing/writer");
  const rt = embedded.url("lookback_rt");
  if (!(await databaseExists(admin, "lookback_rt"))) {
    console.log("Writing the demo helpdesk into a Request Tracker 6.0 database (lookback_rt)…");
    await createRtDatabase(admin, "lookback_rt", "6.0");
    await writeRtHistory(helpdesk, rt, "6.0");
  }
  await mkdir(RT_DIR, { recursive: true });
  const rates = path.join(RT_DIR, "cost-rates.csv");
  await writeFile(rates, `${await costRatesCsv(helpdesk)}\n`);
  const mappingFile = path.join(RT_DIR, "mapping.json");
  const mapping = {
    offices: { names: { "America/Chicago": "Chicago", "Europe/London": "London" } },
    costRatesFile: rates,
  };
  await writeFile(mappingFile, `${JSON.stringify(mapping, null, 2)}\n`);
  const state = (await databaseExists(admin, "lookback_rt_state"))
    ? embedded.url("lookback_rt_state")
    : await createEmptyDatabase(admin, "lookback_rt_state");
  console.log("Copying Request Tracker into Lookback's own database…");
  const { ingestPass, closeIngestPools } = await import("../lib/sources/rt/ingest");
  const { parseMapping } = await import("../lib/sources/rt/mapping");
  const first = await ingestPass({ rtUrl: rt, storeUrl: state, mapping: parseMapping(mapping) });
  await closeIngestPools();
  console.log(`Copied in ${(first.ms / 1000).toFixed(1)} s (${first.tickets} tickets).`);
  child = spawn(path.resolve("node_modules", ".bin", "tsx"), ["scripts/start.ts"], {
    stdio: "inherit",
    env: {
      ...process.env,
      HELPDESK_KIND: "rt",
      HELPDESK_DATABASE_URL: rt,
      BILLING_DATABASE_URL: billing,
      LOOKBACK_DATABASE_URL: state,
      LOOKBACK_RT_CONFIG: mappingFile,
      LOOKBACK_AUTH: process.env.LOOKBACK_AUTH ?? "demo",
    },
  });
  child.on("exit", (code) => void stop(code ?? 0));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stop(1);
}
