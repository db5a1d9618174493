import { MATCH_START, MATCH_STOP } from "../../sql/helpdesk/text-search";
import type { ViewProps } from "../types";
import type { SearchRow } from "./report";
import { ticketHref } from "./ticket-href";

/**
 * The best matches written out above the table: a search page's first screen,
 * ten results. The table below has every hit in the same order; 50 here made
 * the list weigh a third of the page (HTML and payload) at scale 36.
 */
const SHOWN = 10;

/**
 * The hits as a reader wants them: ticket, where it was found (internal
 * notes labelled), and the snippet with the matches marked. The snippet
 * arrives as text with private-use markers around each match; it is split on
 * them and rendered as text and <mark> elements, so nothing in a comment can
 * ever become HTML.
 */
export function SearchHitsView({ rows }: ViewProps<unknown, SearchRow>) {
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="search-hits-title">
      <h2 id="search-hits-title">Best matches</h2>
      <ol className="search-hits">
        {rows.slice(0, SHOWN).map((r) => (
          <li key={`${r.hit}-${r.comment_id ?? r.ticket_id}`}>
            <a href={ticketHref(r.ticket_id)}>Ticket #{r.ticket_id}</a> · {r.subject}{" "}
            <span className="muted">
              · {r.hit === "subject" ? "subject" : r.visibility === "internal" ? "internal note" : "public reply"}
              {r.author ? ` by ${r.author}` : ""} · {r.customer}
            </span>
            {r.visibility === "internal" && <strong className="badge"> Internal</strong>}
            <p>
              <Marked text={r.highlighted} />
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Text with MATCH_START…MATCH_STOP spans as React text and <mark> elements (escaped by React, never raw HTML). */
export function Marked({ text }: { text: string }) {
  const parts = markedParts(text);
  return (
    <>
      {parts.map((p, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one snippet never reorder
        p.marked ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>,
      )}
    </>
  );
}

export function markedParts(text: string): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = [];
  for (const [i, chunk] of text.split(MATCH_START).entries()) {
    const [inside, after] = i === 0 ? [undefined, chunk] : splitOnce(chunk, MATCH_STOP);
    if (inside) parts.push({ text: inside, marked: true });
    if (after) parts.push({ text: after, marked: false });
  }
  return parts;
}

function splitOnce(text: string, on: string): [string, string] {
  const at = text.indexOf(on);
  return at < 0 ? [text, ""] : [text.slice(0, at), text.slice(at + on.length).replaceAll(on, "")];
}
