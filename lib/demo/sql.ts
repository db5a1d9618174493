import pg from "pg";

/**
 * Small builders for the generator's SQL. Every random choice is a pure
 * function of (seed, key, salt) computed in the database, so a row's values
 * never depend on the order the planner happens to produce rows in.
 */
export const lit = (value: string): string => pg.escapeLiteral(value);

export function textArray(values: readonly string[]): string {
  return `ARRAY[${values.map(lit).join(", ")}]::text[]`;
}

/** A uniform number in [0, 1) for this key and salt (see session.ts for pg_temp.rnd). */
export function rnd(key: string, salt: string): string {
  return `pg_temp.rnd(${key}, ${lit(salt)})`;
}

/** One of `values`, chosen uniformly by rnd(key, salt). */
export function pickText(values: readonly string[], key: string, salt: string): string {
  return `(${textArray(values)})[1 + floor(${rnd(key, salt)} * ${values.length})::int]`;
}

/**
 * A CASE over cumulative weights: `u` (an expression in [0, 1)) picks one of
 * the SQL expressions in proportion to its weight.
 */
export function weighted(u: string, choices: readonly (readonly [sql: string, weight: number])[]): string {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let cumulative = 0;
  const whens = choices.slice(0, -1).map(([sql, weight]) => {
    cumulative += weight / total;
    return `WHEN ${u} < ${cumulative.toFixed(6)} THEN ${sql}`;
  });
  const last = choices.at(-1);
  if (!last) throw new Error("weighted() needs at least one choice");
  return `CASE ${whens.join(" ")} ELSE ${last[0]} END`;
}

/** A VALUES list of literal rows, for the small fixed tables of the catalog. */
export function values(rows: readonly (readonly (string | number | null)[])[]): string {
  return rows
    .map((row) => `(${row.map((v) => (v === null ? "NULL" : typeof v === "number" ? String(v) : lit(v))).join(", ")})`)
    .join(",\n    ");
}
