import "server-only";
import { type RawBuilder, sql } from "kysely";

/**
 * SQL expressions over a certificate's names (its common name and SANs) that
 * an index can hold. A replica lets us create no function, and an index may
 * use only immutable built-ins: `array_to_string` and the text cast of an
 * array are merely stable, so the array reaches text through
 * `json_object(keys, values)`, which is immutable. The values are empty
 * strings: only the keys (the names) matter, and short values keep the text
 * and the index small.
 *
 * These must stay character-for-character the expressions in
 * sql/indexes/helpdesk/cert-lookup.sql, or the planner will not use the
 * indexes (indexes.test.ts checks the plans).
 */
const NAMES = "array_remove(array_prepend(common_name, sans), NULL)";

/** `{"www.example.com." : "", "*.example.com" : ""}`: every name, lower case, in JSON text. */
const NAMES_TEXT = `lower(json_object(${NAMES}, array_fill(''::text, ARRAY[cardinality(${NAMES})]))::text)`;

/**
 * The same as a jsonb object whose keys are the normalized names: trailing
 * dots are removed before each closing quote (removing dots cannot make the
 * JSON invalid, and no escape sequence holds a dot). `?|` finds any of
 * several names through a GIN index (`certificates_names`).
 */
const NAME_KEYS = `regexp_replace(${NAMES_TEXT}, '\\.+"', '"', 'g')::jsonb`;

/** Certificates with a name (normalized) equal to one of `names`. */
export function hasAnyName(names: readonly string[]): RawBuilder<boolean> {
  return sql<boolean>`${sql.raw(NAME_KEYS)} ?| ${names}::text[]`;
}

/**
 * Certificates with a name containing the term of one of `patterns` (escaped
 * `%term%` whose term has no quote, backslash or control character, so it
 * cannot match across two names in the JSON text).
 *
 * Two tests that agree on every such term: the JSON text one is what the
 * pg_trgm index `certificates_names_trgm` serves; the plain one is about
 * three times cheaper to compute. With the index, PostgreSQL scans it and
 * checks both on the few rows it finds; without pg_trgm, it scans the table
 * and, ordering the conditions by cost, computes the JSON text only for rows
 * the plain test already passed. (With several terms, "some plain test and
 * some JSON test" is still exact: a JSON match implies the plain one.)
 */
export function hasNameLike(patterns: readonly string[]): RawBuilder<boolean> {
  const plain = sql`lower(coalesce(common_name, '') || ' ' || coalesce(array_to_string(sans, ' '), ''))`;
  const json = sql.raw(NAMES_TEXT);
  const any = (text: RawBuilder<unknown>) =>
    sql.join(
      patterns.map((p) => sql`${text} LIKE ${p}`),
      sql` OR `,
    );
  return sql<boolean>`(${any(plain)}) AND (${any(json)})`;
}
