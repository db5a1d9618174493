import type { User } from "../../../auth/roles";
import { parseParams } from "../../../params/parse";
import { clientProfitability } from "../../../reports/client-profitability/report";
import { queueChanges } from "../../../reports/queue-changes/report";
import { queueDepth } from "../../../reports/queue-depth/report";
import { queueTimeTravel } from "../../../reports/queue-time-travel/report";
import { runReport } from "../../../reports/run";
import { techScorecard } from "../../../reports/tech-scorecard/report";
import { ticketList } from "../../../reports/ticket-list/report";
import { ticketVolume } from "../../../reports/ticket-volume/report";
import type { Report } from "../../../reports/types";

/** The reports that read the helpdesk, by id: each must answer the same on the copy of RT as on our own shape. */
export const HELPDESK_REPORTS = {
  "tech-scorecard": techScorecard,
  "queue-time-travel": queueTimeTravel,
  "queue-depth": queueDepth,
  "queue-changes": queueChanges,
  "client-profitability": clientProfitability,
  "ticket-list": ticketList,
  "ticket-volume": ticketVolume,
} as unknown as Record<string, Report>;

const manager: User = { login: "boss", role: "manager", teamIds: [] };

/** Runs a report as a manager on whatever the environment points at; rows as JSON (instants as ISO strings). */
export async function reportRows(id: string, raw: Record<string, string>): Promise<unknown[]> {
  const report = HELPDESK_REPORTS[id] as Report;
  const parsed = parseParams(report.params, raw);
  if (!parsed.ok) throw new Error(`${id} ${JSON.stringify(raw)}: ${JSON.stringify(parsed.issues)}`);
  const result = await runReport(report, parsed.params, { user: manager });
  return JSON.parse(JSON.stringify(result.rows));
}

/** Random cases over a history ending at `endDay` (exclusive): ranges of 7 to 120 days, instants at whole minutes. */
export function randomCases(
  random: () => number,
  endDay: string,
  count: number,
): { id: string; params: Record<string, string> }[] {
  const end = Date.parse(`${endDay}T00:00:00Z`);
  const day = 86_400_000;
  const pick = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const date = (t: number) => new Date(t).toISOString().slice(0, 10);
  const instant = (t: number) => new Date(Math.floor(t / 60_000) * 60_000).toISOString();
  const cases: { id: string; params: Record<string, string> }[] = [];
  for (let i = 0; i < count; i++) {
    const to = end - pick(1, 400) * day;
    const from = to - pick(7, 120) * day;
    const at = end - random() * 400 * day;
    cases.push(
      { id: "tech-scorecard", params: { from: date(from), to: date(to) } },
      { id: "client-profitability", params: { from: date(from), to: date(to), scope: i % 2 ? "all" : "support" } },
      { id: "ticket-list", params: { from: date(from), to: date(to) } },
      { id: "ticket-volume", params: { from: date(from), to: date(to) } },
      { id: "queue-time-travel", params: { at: instant(at) } },
      { id: "queue-depth", params: { at: instant(at), span: String(pick(3, 30)) } },
      { id: "queue-changes", params: { since: instant(at - pick(1, 72) * 3_600_000), at: instant(at) } },
    );
  }
  return cases;
}
