/** Longer than this, a lead sentence stops being one line a person takes in at a glance. */
const MAX_LEAD = 200;

/**
 * The one sentence a catalog card or a report page opens with: the report's
 * own `summary` when it has one, else the first sentence of its description
 * (up to a colon that starts the details, and cut at a clause boundary when
 * still long). The whole description stays one click away.
 */
export function leadSentence(report: { summary?: string; description: string }): string {
  if (report.summary) return report.summary;
  const text = report.description.trim();
  let lead = text.split(/(?<=[.!?])\s+(?=[A-Z`“(])/)[0] ?? text;
  const colon = lead.indexOf(": ");
  if (colon >= 40) lead = `${lead.slice(0, colon)}.`;
  if (lead.length <= MAX_LEAD) return lead;
  const cut = Math.max(lead.lastIndexOf(", ", MAX_LEAD), lead.lastIndexOf("; ", MAX_LEAD));
  return `${lead.slice(0, cut > 40 ? cut : MAX_LEAD).trimEnd()}…`;
}
