import { leadSentence } from "./lead-sentence";

/**
 * What a report answers in one sentence, and its full definition one click
 * away in a native <details> (keyboard and screen-reader operable, no JS).
 */
export function ReportIntro({ report }: { report: { summary?: string; description: string } }) {
  const lead = leadSentence(report);
  return (
    <>
      <p className="lead-sentence">{lead}</p>
      {lead !== report.description.trim() && (
        <details className="how">
          <summary>How this is computed</summary>
          <p>{report.description}</p>
        </details>
      )}
    </>
  );
}
