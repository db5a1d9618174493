import "server-only";
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Helpdesk } from "../../db/types";
import { errorMessage, log } from "../../log";
import { replicaSearchIndexes, searchIndexState, storeCandidates } from "../../search";
import { searchQuery, searchSnippet, searchVector } from "../../sql/helpdesk/text-search";

export const VISIBILITIES = ["any", "public", "internal"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export interface SearchFilters {
  q: string;
  start?: Date;
  end?: Date;
  queue: number[];
  customer?: number;
  tech?: number;
  visibility: Visibility;
  limit: number;
}

/** One hit: a matching comment, or a ticket whose subject matches. */
export type HitRow = {
  hit: "subject" | "comment";
  ticket_id: number;
  comment_id: number | null;
  at: Date;
  visibility: "public" | "internal";
  author: string | null;
  customer: string;
  queue: string;
  subject: string;
  rank: number;
  /** The snippet, each match between MATCH_START and MATCH_STOP. */
  highlighted: string;
};

/**
 * Which rows may match, from an index: on the replica (the recommended GIN
 * expression indexes) every row may, and its own index finds them; from
 * Lookback's own copy, the copy's candidates plus every row newer than it.
 */
export interface Candidates {
  index: "replica" | "lookback";
  comments: RawBuilder<boolean>;
  subjects: RawBuilder<boolean>;
}

const EVERY_ROW: Candidates = { index: "replica", comments: sql<boolean>`true`, subjects: sql<boolean>`true` };

/**
 * The one search statement, whichever index proposed the candidates: match
 * (the vector expression the indexes hold), filter, rank with ts_rank_cd
 * (cover density: the closer the words, the higher), order by rank, then the
 * newest first, then comments before subjects, then the greater id; and only
 * for the rows returned, the snippet.
 */
export function searchHits(f: SearchFilters, c: Candidates) {
  const tsq = searchQuery(f.q);
  const range = (column: string) =>
    sql`${f.start ? sql`AND ${sql.ref(column)} >= ${f.start}` : sql``} ${f.end ? sql`AND ${sql.ref(column)} < ${f.end}` : sql``}`;
  const tickets = sql`${f.queue.length > 0 ? sql`AND t.queue_id = ANY(${f.queue}::int[])` : sql``}
    ${f.customer === undefined ? sql`` : sql`AND t.customer_id = ${f.customer}`}`;
  const comments = sql`
    SELECT 'comment'::text AS hit, c.ticket_id, c.id AS comment_id, c.created_at AS at, c.visibility, c.author_id,
           c.body AS text, ts_rank_cd(${searchVector(sql.ref("c.body"))}, ${tsq}) AS rank
    FROM ticket_comments c JOIN tickets t ON t.id = c.ticket_id
    WHERE ${searchVector(sql.ref("c.body"))} @@ ${tsq} AND (${c.comments}) ${range("c.created_at")} ${tickets}
      ${f.visibility === "any" ? sql`` : sql`AND c.visibility = ${f.visibility}`}
      ${f.tech === undefined ? sql`` : sql`AND c.author_id = ${f.tech}`}`;
  // A subject is what the customer wrote: public, and found under the tech the ticket is assigned to now.
  const subjects = sql`
    SELECT 'subject'::text AS hit, t.id AS ticket_id, NULL::int8 AS comment_id, t.created_at AS at, 'public'::text AS visibility,
           NULL::int AS author_id, t.subject AS text, ts_rank_cd(${searchVector(sql.ref("t.subject"))}, ${tsq}) AS rank
    FROM tickets t
    WHERE ${searchVector(sql.ref("t.subject"))} @@ ${tsq} AND (${c.subjects}) ${range("t.created_at")} ${tickets}
      ${f.tech === undefined ? sql`` : sql`AND t.assignee_id = ${f.tech}`}`;
  const documents = f.visibility === "internal" ? comments : sql`${comments} UNION ALL ${subjects}`;
  return sql<HitRow>`
    SELECT h.hit, h.ticket_id, h.comment_id, h.at, h.visibility, a.login AS author, cu.name AS customer, q.name AS queue,
           t.subject, round(h.rank::numeric, 4)::float8 AS rank, ${searchSnippet(sql.ref("h.text"), f.q)} AS highlighted
    FROM (${documents} ORDER BY rank DESC, at DESC, hit, comment_id DESC NULLS LAST, ticket_id DESC LIMIT ${f.limit}) h
    JOIN tickets t ON t.id = h.ticket_id
    JOIN customers cu ON cu.id = t.customer_id
    JOIN queues q ON q.id = t.queue_id
    LEFT JOIN techs a ON a.id = h.author_id
    ORDER BY h.rank DESC, h.at DESC, h.hit, h.comment_id DESC NULLS LAST, h.ticket_id DESC`;
}

/**
 * Where the candidates come from: the replica's own indexes when it has
 * them; else Lookback's copy (lib/search) when one is kept for this
 * helpdesk; else every row (a scan of all comments: slow, but right).
 */
export async function chooseCandidates(
  helpdesk: Kysely<Helpdesk>,
  store: Kysely<unknown> | null,
  f: SearchFilters,
  prefer?: Candidates["index"],
): Promise<Candidates> {
  const found = await replicaSearchIndexes(helpdesk);
  if (prefer !== "lookback" && found.indexed) return EVERY_ROW;
  if (!store || prefer === "replica") return EVERY_ROW;
  let state: Awaited<ReturnType<typeof searchIndexState>>;
  let ids: Awaited<ReturnType<typeof storeCandidates>>;
  try {
    state = await searchIndexState(store, found.database);
    if (!state) return EVERY_ROW;
    ids = await storeCandidates(store, {
      q: f.q,
      start: f.start,
      end: f.end,
      customer: f.customer,
      author: f.tech,
      visibility: f.visibility,
    });
  } catch (error) {
    // Our own database failed: every row is a candidate, as when there is no copy (slower, and right).
    log.warn({ err: errorMessage(error) }, "ticket search: our own database failed; reading the replica");
    return EVERY_ROW;
  }
  return {
    index: "lookback",
    comments: sql<boolean>`c.id = ANY(${ids.comments}::int8[]) OR c.id > ${state.last_comment_id}`,
    // The tech filter on a subject is the ticket's current assignee, which the copy does not keep: the replica applies it.
    subjects: sql<boolean>`t.id = ANY(${ids.subjects}::int8[]) OR t.id > ${state.last_ticket_id}`,
  };
}
