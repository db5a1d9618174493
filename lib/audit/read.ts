import { open } from "node:fs/promises";
import type { AuditRecord } from "./entry";

/**
 * Reads the audit log back, newest first, for the audit-log report. The file
 * only grows at its end and its lines are in time order, so it is read
 * backwards in blocks and reading stops once lines are older than `from`:
 * the last day of a year-long log costs what that day's lines cost. Lines
 * that are not JSON (a torn write, a stray message) are skipped.
 */
export interface AuditFilter {
  /** Inclusive lower bound on `time`. */
  from?: Date;
  /** Exclusive upper bound on `time`. */
  to?: Date;
  login?: string;
  report?: string;
  outcome?: string;
  event?: string;
  /** Stop after this many matching lines. */
  limit: number;
}

const BLOCK = 64 * 1024;
/** Writers of several processes may land a little out of order; keep reading this far past `from`. */
const SLACK_MS = 60_000;

export async function readAudit(file: string, filter: AuditFilter): Promise<AuditRecord[]> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const found: AuditRecord[] = [];
  const needles = [filter.login, filter.report, filter.outcome, filter.event]
    .filter((n): n is string => !!n)
    .map((n) => JSON.stringify(n.toLowerCase()));
  try {
    let position = (await handle.stat()).size;
    let carry = Buffer.alloc(0);
    while (position > 0 && found.length < filter.limit) {
      const size = Math.min(BLOCK, position);
      position -= size;
      const block = Buffer.alloc(size);
      await handle.read(block, 0, size, position);
      const text = Buffer.concat([block, carry]);
      // The first line of the block may be cut: keep it for the next (earlier) block.
      const firstBreak = position > 0 ? text.indexOf(0x0a) : -1;
      carry = firstBreak >= 0 ? text.subarray(0, firstBreak) : position > 0 ? text : Buffer.alloc(0);
      if (firstBreak < 0 && position > 0) continue;
      const lines = text
        .subarray(firstBreak + 1)
        .toString("utf8")
        .split("\n");
      for (let i = lines.length - 1; i >= 0 && found.length < filter.limit; i--) {
        const line = lines[i] as string;
        const time = quickTime(line);
        if (time !== undefined) {
          if (filter.from && time < filter.from.getTime() - SLACK_MS) return found;
          if (!inRange(time, filter) || !mayMatch(line, needles)) continue;
        }
        const record = parse(line);
        if (!record) continue;
        if (filter.from && Date.parse(record.time) < filter.from.getTime() - SLACK_MS) return found;
        if (matches(record, filter)) found.push(record);
      }
    }
    return found;
  } finally {
    await handle.close();
  }
}

/**
 * Most lines are skipped on sight: their time sits at a fixed place (log.ts
 * writes `{"log":"audit","time":"…"` first) and a line that does not even
 * contain each filter value, in quotes, cannot match. Only the rest are parsed.
 */
const PREFIX = '{"log":"audit","time":"';
const ISO_LENGTH = "2026-01-01T00:00:00.000Z".length;

function quickTime(line: string): number | undefined {
  if (!line.startsWith(PREFIX)) return undefined;
  const time = Date.parse(line.slice(PREFIX.length, PREFIX.length + ISO_LENGTH));
  return Number.isNaN(time) ? undefined : time;
}

function inRange(time: number, f: AuditFilter): boolean {
  return (!f.from || time >= f.from.getTime()) && (!f.to || time < f.to.getTime());
}

function mayMatch(line: string, needles: string[]): boolean {
  if (needles.length === 0) return true;
  const lower = line.toLowerCase();
  return needles.every((n) => lower.includes(n));
}

function parse(line: string): AuditRecord | undefined {
  if (line.trim() === "") return undefined;
  try {
    const value = JSON.parse(line) as AuditRecord;
    return typeof value === "object" && value !== null && typeof value.time === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

function matches(r: AuditRecord, f: AuditFilter): boolean {
  const time = Date.parse(r.time);
  if (f.from && time < f.from.getTime()) return false;
  if (f.to && time >= f.to.getTime()) return false;
  if (f.login && r.login?.toLowerCase() !== f.login.toLowerCase()) return false;
  if (f.report && r.report !== f.report && r.subject !== f.report) return false;
  if (f.outcome && r.outcome !== f.outcome) return false;
  if (f.event && r.event !== f.event) return false;
  return true;
}
