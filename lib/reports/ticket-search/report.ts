import { z } from "zod";
import { isCalendarDate, rangeInstants } from "../../params/dates";
import { entities, entity, text } from "../../params/fields";
import { paramUi } from "../../params/ui";
import { MATCH_START, MATCH_STOP, searchableTree } from "../../sql/helpdesk/text-search";
import { badParameter } from "../refusal";
import { defineReport, type QueryContext } from "../types";
import { chooseCandidates, type HitRow, searchHits, VISIBILITIES } from "./query";
import { ticketHref } from "./ticket-href";
import { SearchHitsView } from "./view";

const optionalDay = (label: string, description: string) =>
  z
    .string()
    .trim()
    .refine(isCalendarDate, { error: "must be a date written YYYY-MM-DD" })
    .optional()
    .describe(description)
    .register(paramUi, { kind: "date", label });

const params = z
  .object({
    q: text(
      "Search",
      'Words to find in subjects, replies and internal notes, in web-search syntax: "an exact phrase", this or that, -without',
      { min: 1, max: 200, autoFocus: true, placeholder: '"connection refused" or timeout -printer' },
    ),
    from: optionalDay(
      "From",
      "Only hits written on or after this day (YYYY-MM-DD, reporting time zone); all history when absent",
    ),
    to: optionalDay(
      "To",
      "Only hits written on or before this day (YYYY-MM-DD, reporting time zone); up to now when absent",
    ),
    queue: entities(
      "queue",
      "Queues",
      "Only tickets now in these queues (repeat the key for several); all when absent",
    ),
    customer: entity(
      "customer",
      "Customer",
      "Only tickets of this customer (type part of the name; the URL holds its id); all when absent",
    ),
    tech: entity(
      "tech",
      "Tech",
      "Only comments this tech wrote, and subjects of tickets now assigned to them; everyone when absent",
    ),
    visibility: z
      .enum(VISIBILITIES, { error: `must be one of: ${VISIBILITIES.join(", ")}` })
      .default("any")
      .describe("Public replies (and subjects) only, internal notes only, or both (default)")
      .register(paramUi, {
        kind: "choice",
        label: "Visibility",
        options: [
          { value: "any", label: "Public and internal" },
          { value: "public", label: "Public only" },
          { value: "internal", label: "Internal only" },
        ],
      }),
  })
  .superRefine((p, ctx) => {
    if (p.from && p.to && p.to < p.from) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `must be on or after from (${p.from})` });
    }
  });

type Params = z.output<typeof params>;

export type SearchRow = Omit<HitRow, "highlighted"> & { snippet: string; highlighted: string; index: string };

/** The hits, from whichever index the helpdesk offers (`prefer` lets the tests ask for each). */
export async function searchRows(ctx: QueryContext, p: Params, prefer?: "replica" | "lookback"): Promise<SearchRow[]> {
  const start = p.from ? rangeInstants(p.from, p.from, ctx.timeZone).start : undefined;
  const end = p.to ? rangeInstants(p.to, p.to, ctx.timeZone).end : undefined;
  const filters = { ...p, start, end, limit: Number.isFinite(ctx.limit) ? ctx.limit : 100_000 };
  // A search must name something to find: no index finds "every row but", and no statement should rank them all.
  const { rows: parsed } = await searchableTree(p.q).execute(ctx.helpdesk);
  const tree = parsed[0]?.tree ?? "";
  if (tree === "" || tree === "T") {
    const message =
      tree === ""
        ? "holds only words too common to search for (the, or, and…): add a rarer one"
        : "must hold a word to find: words with - in front only leave hits out";
    throw badParameter("q", message, "helpdesk");
  }
  const candidates = await chooseCandidates(ctx.helpdesk, ctx.store, filters, prefer);
  const { rows } = await searchHits(filters, candidates).execute(ctx.helpdesk);
  return rows.map((row) => ({
    ...row,
    snippet: row.highlighted.replaceAll(MATCH_START, "").replaceAll(MATCH_STOP, ""),
    index: candidates.index,
  }));
}

export const ticketSearch = defineReport({
  id: "ticket-search",
  title: "Ticket search",
  description:
    "Has anyone seen this before? Every ticket subject, public reply and internal note in all history that matches the search, in " +
    'web-search syntax (PostgreSQL websearch_to_tsquery with the english configuration: words are stemmed, "quotes" find a phrase, ' +
    "or finds either side, -word excludes). One row per matching comment or subject, with its ticket. Ranked by ts_rank_cd (cover " +
    "density: all the words, close together, rank highest), then the most recent first, then comments before subjects, then the " +
    "greater id. Internal notes are found for everyone who may run the report and labelled internal. Filters: the day the comment " +
    "was written (or the ticket created, for a subject) in the reporting time zone, the ticket's current queue, its customer, and " +
    "the tech (comments the tech wrote; subjects of tickets now assigned to them). Snippets show up to two fragments around the " +
    "matches. Uses the recommended GIN indexes on the replica when present, else Lookback's own copy of them (same statement, " +
    "same rows), else reads every comment (slow).",
  audience: "techs",
  roles: ["manager", "lead", "tech"],
  params,
  sources: ["helpdesk"],
  columns: [
    { key: "ticket_id", label: "Ticket", type: "link", href: (row) => ticketHref(row.ticket_id) },
    { key: "hit", label: "Found in", type: "text", description: "the ticket's subject, or a comment" },
    { key: "visibility", label: "Visibility", type: "text", description: "internal notes are labelled internal" },
    { key: "at", label: "Written", type: "instant" },
    { key: "author", label: "Author", type: "text", description: "the tech who wrote it; empty for the customer" },
    { key: "customer", label: "Customer", type: "text" },
    { key: "queue", label: "Queue", type: "text", description: "the ticket's current queue" },
    { key: "subject", label: "Subject", type: "text" },
    { key: "snippet", label: "Snippet", type: "text" },
    { key: "rank", label: "Rank", type: "decimal", description: "ts_rank_cd, to 4 decimals" },
    { key: "comment_id", label: "Comment id", type: "integer", hidden: true },
    {
      key: "highlighted",
      label: "Snippet with marks",
      type: "text",
      hidden: true,
      description: "the snippet with each match between U+E000 and U+E001",
    },
    { key: "index", label: "Index used", type: "text", hidden: true, description: "replica or lookback" },
  ],
  query: (ctx, p) => searchRows(ctx, p),
  View: SearchHitsView,
});
