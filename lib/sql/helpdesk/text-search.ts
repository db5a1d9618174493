import "server-only";
import { type Expression, sql } from "kysely";

/*
 * Full-text search over ticket subjects and comment bodies, written once:
 * the report's query, the recommended indexes on the replica
 * (sql/indexes/helpdesk/ticket-search.sql) and Lookback's own copy of them
 * (lib/search) all use these expressions. The configuration is fixed,
 * 'english' (stemming: "restarting" finds "restart"), and written as a
 * literal so the planner can match the replica's expression indexes; a bound
 * parameter would never match them.
 */

/** A text's search vector, exactly the expression the recommended GIN indexes hold. */
export function searchVector(text: Expression<string>) {
  return sql<string>`to_tsvector('english'::regconfig, ${text})`;
}

/** The query people type, in web-search syntax: "a phrase", or, -word. */
export function searchQuery(q: string) {
  return sql<string>`websearch_to_tsquery('english'::regconfig, ${q})`;
}

/**
 * The part of the search an index can find (querytree): '' when every word is too common to be indexed
 * (the, or), 'T' when nothing is left to find (-word only leaves rows out: every row, a scan).
 */
export function searchableTree(q: string) {
  return sql<{ tree: string }>`SELECT querytree(${searchQuery(q)}) AS tree`;
}

/** Markers around each match in a snippet: private-use characters, never HTML, so a snippet is only ever text. */
export const MATCH_START = "\uE000";
export const MATCH_STOP = "\uE001";

/** A snippet of `text` around the matches of `q`, each match between MATCH_START and MATCH_STOP. */
export function searchSnippet(text: Expression<string>, q: string) {
  const options = `StartSel=${MATCH_START}, StopSel=${MATCH_STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
  return sql<string>`ts_headline('english'::regconfig, ${text}, ${searchQuery(q)}, ${options})`;
}
