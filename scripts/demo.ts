/**
 * Fills two empty source databases with the deterministic demo data set and
 * prints row counts, checksums and the seconds it took.
 *
 *   npx tsx scripts/demo.ts --scale 1 [--seed 1] [--end 2026-11-20] [--no-checksums] --helpdesk URL --billing URL
 *
 * Make the databases first, e.g. with createSourceDatabase (lib/db/setup.ts).
 */
import { parseArgs } from "node:util";
import { generateDemo } from "../lib/demo/index";

const USAGE =
  "usage: npx tsx scripts/demo.ts --scale N [--seed N] [--end YYYY-MM-DD] [--no-checksums] --helpdesk URL --billing URL";

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    scale: { type: "string" },
    seed: { type: "string" },
    end: { type: "string" },
    helpdesk: { type: "string" },
    billing: { type: "string" },
    "no-checksums": { type: "boolean" },
  },
});

if (!values.scale) fail("--scale is required");
if (!values.helpdesk || !values.billing) fail("--helpdesk and --billing (database URLs) are required");
const scale = Number(values.scale);
const seed = values.seed === undefined ? undefined : Number(values.seed);
if (Number.isNaN(scale)) fail(`--scale must be a number, got '${values.scale}'`);
if (seed !== undefined && !Number.isInteger(seed)) fail(`--seed must be an integer, got '${values.seed}'`);

const summary = await generateDemo({
  helpdeskUrl: values.helpdesk,
  billingUrl: values.billing,
  scale,
  seed,
  endDate: values.end,
  checksums: !values["no-checksums"],
  onProgress: (message) => console.error(message),
}).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});

const { params } = summary;
console.log(`seed ${params.seed}, scale ${params.scale}, history ${params.startDay} .. ${params.endDay} (exclusive)`);
for (const [source, tables] of [
  ["helpdesk", summary.helpdesk],
  ["billing", summary.billing],
] as const) {
  for (const [table, { rows, checksum }] of Object.entries(tables)) {
    console.log(`${`${source}.${table}`.padEnd(28)} ${String(rows).padStart(10)}  ${checksum}`);
  }
}
console.log(`generated in ${summary.seconds} s`);
