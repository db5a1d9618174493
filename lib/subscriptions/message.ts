import { csvLine } from "../reports/csv";
import type { Cell, Column, Report, Row } from "../reports/types";

/**
 * What a delivery says: a subject line, a one-paragraph summary (the whole
 * of a chat message), a short HTML table of the first rows, and the CSV of
 * every row of the view (its visible columns). Cells are written as the CSV writes them
 * (instants in UTC, ISO 8601; exact decimals as they came), so the mail and
 * its attachment agree.
 */
export const TABLE_ROWS = 20;

export interface Message {
  subject: string;
  summary: string;
  html: string;
  text: string;
  csv: string;
  filename: string;
}

export interface MessageInput {
  name: string;
  report: Report;
  /** The view's visible columns, in the table and the CSV. */
  columns: readonly Column[];
  /** The view's rows: filtered and in its order. */
  rows: readonly Row[];
  truncated: boolean;
  /** The live view, on LOOKBACK_PUBLIC_URL. */
  link: string;
  ranAt: Date;
  /** For an alert: whether its condition now holds, and what was compared. */
  alert?: { met: boolean; said: string };
}

export function composeMessage(m: MessageInput): Message {
  const rowsSaid = `${m.rows.length}${m.truncated ? "+" : ""} ${m.rows.length === 1 ? "row" : "rows"}`;
  const state = m.alert ? (m.alert.met ? "Alert" : "Cleared") : undefined;
  const subject = `${state ? `${state}: ` : ""}${m.name} (${m.report.title}, ${rowsSaid})`;
  const summary =
    `${state ? `${state}: ` : ""}${m.name}: ${rowsSaid} from ${m.report.title} at ${m.ranAt.toISOString()}` +
    `${m.alert ? ` (${m.alert.said})` : ""}. ${m.link}`;
  const columns = m.columns;
  const shown = m.rows.slice(0, TABLE_ROWS);
  const html = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
    `<p>${escapeHtml(summary.slice(0, summary.length - m.link.length - 1))} <a href="${escapeHtml(m.link)}">Open the live view</a></p>`,
    `<table border="1" cellpadding="4" cellspacing="0">`,
    `<caption>${escapeHtml(m.report.title)}: ${shown.length < m.rows.length ? `the first ${shown.length} of ${rowsSaid}` : rowsSaid}</caption>`,
    `<thead><tr>${columns.map((c) => `<th scope="col">${escapeHtml(c.label)}</th>`).join("")}</tr></thead>`,
    `<tbody>${shown.map((row) => `<tr>${columns.map((c) => `<td>${escapeHtml(cellText(row[c.key]))}</td>`).join("")}</tr>`).join("")}</tbody>`,
    "</table>",
    m.rows.length > shown.length ? `<p>Every row is in the attached CSV.</p>` : "",
    "</body></html>",
  ].join("\n");
  const keys = columns.map((c) => c.key);
  const csv = csvLine(keys) + m.rows.map((row) => csvLine(keys.map((k) => row[k]))).join("");
  return { subject, summary, html, text: summary, csv, filename: `${m.report.id}.csv` };
}

function cellText(value: Cell | undefined): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  return Array.isArray(value) ? value.join(", ") : String(value);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
