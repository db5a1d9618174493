import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createEmptyDatabase, dropDatabase, withClient } from "../../db/setup";
import { generateDemo } from "../../demo";
import { seededRandom } from "../../seeded-random";
import { createTestSources, type TestSources } from "../../testing/databases";
import { closeIngestPools, ingestPass } from "./ingest";
import { parseMapping } from "./mapping";
import type { RtVersion } from "./tables";
import { randomCases, reportRows } from "./testing/compare";
import { createRtDatabase } from "./testing/rt-database";
import { costRatesCsv, writeRtHistory } from "./testing/writer";

/*
 * A generated history (the demo's, small), written into RT 5.0 and 6.0
 * databases as RT records it, ingested back: every helpdesk report must give
 * exactly the rows it gives on the history in our own shape, for random
 * ranges and instants.
 */
const END = "2026-11-20";
const RATES = path.join(tmpdir(), `lookback-rt-rates-${process.pid}.csv`);
const MAPPING = parseMapping({
  offices: { names: { "America/Chicago": "Chicago", "Europe/London": "London" } },
  costRatesFile: RATES,
});
const serverUrl = () => inject("serverUrl");
const suffix = randomBytes(4).toString("hex");

let canonical: TestSources;
const copies = new Map<RtVersion, { rtUrl: string; storeUrl: string; names: string[] }>();

beforeAll(async () => {
  canonical = await createTestSources();
  await generateDemo({
    helpdeskUrl: canonical.helpdeskUrl,
    billingUrl: canonical.billingUrl,
    scale: 0.03,
    seed: 5,
    endDate: END,
  });
  await writeFile(RATES, await costRatesCsv(canonical.helpdeskUrl));
}, 600_000);

afterAll(async () => {
  await closeIngestPools();
  await canonical.drop();
  for (const copy of copies.values()) for (const name of copy.names) await dropDatabase(serverUrl(), name);
}, 600_000);

describe.each(["5.0", "6.0"] as const)("on Request Tracker %s", (version) => {
  beforeAll(async () => {
    const tag = version.replace(".", "");
    const names = [`t_${suffix}_rt${tag}`, `t_${suffix}_rt${tag}_lookback`];
    const rtUrl = await createRtDatabase(serverUrl(), names[0] as string, version);
    const storeUrl = await createEmptyDatabase(serverUrl(), names[1] as string);
    copies.set(version, { rtUrl, storeUrl, names });
    await writeRtHistory(canonical.helpdeskUrl, rtUrl, version);
    const first = await ingestPass({ rtUrl, storeUrl, mapping: MAPPING });
    expect(first.rebuilt).toBe(true);
  }, 600_000);

  it("copies every row of our shape (certificates aside) exactly", async () => {
    const { storeUrl } = copies.get(version) as { storeUrl: string };
    const tables = [
      "offices",
      "techs",
      "team_names",
      "team_members",
      "tech_cost_rates",
      "customers",
      "queues",
      "tickets",
      "ticket_events",
      "ticket_comments",
      "time_entries",
    ];
    for (const table of tables) {
      const ours = await withClient(
        canonical.helpdeskUrl,
        async (c) => (await c.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n,
      );
      const copied = await withClient(
        storeUrl,
        async (c) => (await c.query(`SELECT count(*)::int AS n FROM rt_helpdesk.${table}`)).rows[0].n,
      );
      expect(ours, table).toBeGreaterThan(0);
      expect(copied, table).toBe(ours);
    }
  });

  it("gives every helpdesk report's rows for random ranges and instants", async () => {
    const { rtUrl, storeUrl } = copies.get(version) as { rtUrl: string; storeUrl: string };
    const cases = randomCases(seededRandom(version === "5.0" ? 11 : 12), END, 4);
    let nonEmpty = 0;
    for (const { id, params } of cases) {
      await canonical.use({ HELPDESK_KIND: "lookback" }, { withStore: false });
      const expected = await reportRows(id, params);
      await canonical.use({ HELPDESK_KIND: "rt", HELPDESK_DATABASE_URL: rtUrl, LOOKBACK_DATABASE_URL: storeUrl });
      const actual = await reportRows(id, params);
      if (expected.length > 0) nonEmpty++;
      expect(actual, `${id} ${JSON.stringify(params)}`).toEqual(expected);
    }
    // Most cases have rows: the comparison is not of empty with empty.
    expect(nonEmpty).toBeGreaterThan(cases.length * 0.8);
  }, 300_000);
});
