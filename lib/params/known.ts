import { z } from "zod";

/**
 * Parameters that name something in a source (a tech, a team, a queue, a
 * client, a certificate). The schema only checks the value's form; whether
 * it exists is known only to the source, so the engine checks it inside the
 * run, in the run's own snapshot (lib/reports/known.ts): an unknown value is
 * a parameter error naming the parameter and the value (400), or, for a
 * value the page's path carries (`/techs/{login}`), a 404.
 */
export type KnownKind = "tech" | "team" | "queue" | "customer" | "tech-login" | "client" | "certificate";

export interface MustExist {
  kind: KnownKind;
  /** The value comes from the page's path, not its query: unknown means "no such page" (404). */
  path?: boolean;
}

export const mustExist = z.registry<MustExist>();

/** Marks `schema` as naming a `kind` that must exist in its source when the report runs. */
export function known<T extends z.ZodType>(schema: T, kind: KnownKind, options: { path?: boolean } = {}): T {
  mustExist.add(schema as z.ZodType, { kind, ...options });
  return schema;
}
