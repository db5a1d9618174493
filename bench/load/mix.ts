import { withClient } from "../../lib/db/setup";
import { seededRandom } from "../../lib/seeded-random";
import type { Params } from "../app/http";

/**
 * What 50 people do at once: a realistic mix of the four core reports with
 * varied parameters, so the result cache serves only what real people would
 * share (40 % certificate lookups by tracking number, serial, exact name or a
 * fragment; 25 % queues as they were at some instant; 20 % scorecards, a
 * quarter of them for one tech; 15 % profitability over a period). The
 * choices come from a seeded generator, so two runs send the same requests.
 */
export interface MixRequest {
  kind: string;
  report: string;
  params: Params;
}

export type Mix = () => MixRequest;

export interface MixData {
  /** The demo's end date: history runs up to this day's 00:00 UTC. */
  historyEnd: string;
  /** Certificate lookups people type: tracking numbers, serials, names and fragments from the dataset. */
  certQueries: { exact: string[]; partial: string[] };
  techIds: number[];
}

const DAY_MS = 86_400_000;

export function realisticMix(data: MixData, seed = 1): Mix {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const oneOf = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  const end = Date.parse(`${data.historyEnd}T00:00:00Z`);
  const day = (daysBeforeEnd: number) => new Date(end - daysBeforeEnd * DAY_MS).toISOString().slice(0, 10);
  return (): MixRequest => {
    const u = random();
    if (u < 0.4) {
      const partial = random() < 0.35;
      const q = oneOf(partial ? data.certQueries.partial : data.certQueries.exact);
      return { kind: partial ? "cert partial" : "cert exact", report: "cert-lookup", params: { q } };
    }
    if (u < 0.65) {
      // Any second of the last two years of history.
      const at = new Date(end - 1000 * (1 + int(730 * 86_400))).toISOString().replace(".000Z", "Z");
      return { kind: "time travel", report: "queue-time-travel", params: { at } };
    }
    if (u < 0.85) {
      const startBack = 30 + int(335);
      const range = { from: day(startBack), to: day(startBack - 29) };
      if (random() < 0.25) {
        return {
          kind: "scorecard one tech",
          report: "tech-scorecard",
          params: { ...range, tech: String(oneOf(data.techIds)) },
        };
      }
      return { kind: "scorecard all", report: "tech-scorecard", params: range };
    }
    const span = 7 + int(84);
    const startBack = span + int(700 - span);
    return {
      kind: "profitability",
      report: "client-profitability",
      params: { from: day(startBack), to: day(startBack - span + 1), scope: random() < 0.7 ? "support" : "all" },
    };
  };
}

/** Fifty people asking the very same question at once: single-flight and the cache at work. */
export function identicalMix(historyEnd: string): Mix {
  const at = `${dayBefore(historyEnd, 7)}T14:00:00Z`;
  return () => ({ kind: "time travel, identical", report: "queue-time-travel", params: { at } });
}

/**
 * The same work with a different key every time (the instant moves by one
 * second per request): what the identical run would cost without sharing.
 */
export function distinctMix(historyEnd: string): Mix {
  const base = Date.parse(`${dayBefore(historyEnd, 7)}T14:00:00Z`);
  let n = 0;
  return () => {
    const at = new Date(base + 1000 * n++).toISOString().replace(".000Z", "Z");
    return { kind: "time travel, distinct", report: "queue-time-travel", params: { at } };
  };
}

export async function loadMixData(helpdeskUrl: string, historyEnd: string): Promise<MixData> {
  return withClient(helpdeskUrl, async (c) => {
    // md5 orders stand in for a seeded shuffle: the same sample on every run.
    const certs = await c.query<{ id: string; common_name: string; serial_hex: string | null; customer: string }>(
      `SELECT ce.id::text, ce.common_name, ce.serial_hex, cu.name AS customer
       FROM certificates ce JOIN customers cu ON cu.id = ce.customer_id
       ORDER BY md5(ce.id::text) LIMIT 400`,
    );
    const techs = await c.query<{ id: number }>("SELECT id FROM techs ORDER BY id");
    const exact: string[] = [];
    const partial: string[] = [];
    certs.rows.forEach((row, i) => {
      if (i % 4 === 0) exact.push(`C-${row.id}`);
      else if (i % 4 === 1 && row.serial_hex) exact.push(row.serial_hex);
      else exact.push(row.common_name);
      // A fragment of the domain or of the customer's name, as someone half remembers it.
      const domain = row.common_name.replace(/^\*\./, "").split(".").at(-2) ?? row.common_name;
      partial.push(i % 2 === 0 ? domain.slice(0, 6) : (row.customer.split(" ")[0] ?? row.customer).toLowerCase());
    });
    return {
      historyEnd,
      certQueries: { exact, partial: partial.filter((q) => q.length >= 3) },
      techIds: techs.rows.map((r) => r.id),
    };
  });
}

export function dayBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The same requests as the report page's table asks them: one page of 100
 * rows with the result's counts, totals and chart (the JSON API's table
 * parameters), instead of every row of the result, which the API answers
 * only to callers that ask without them.
 */
export function asThePageAsks(mix: Mix): Mix {
  return () => {
    const request = mix();
    return { ...request, params: { ...request.params, page: "1", pageSize: "100" } };
  };
}
