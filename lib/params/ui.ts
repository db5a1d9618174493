import { z } from "zod";

/**
 * How each report parameter appears in the generated form. Every parameter
 * helper in this folder registers its schema here; the form reads it back.
 */
export type ParamKind =
  | { kind: "date" }
  | { kind: "instant" }
  | { kind: "text"; placeholder?: string; autoFocus?: boolean; maxLength?: number }
  | { kind: "integer" }
  | { kind: "choice"; options: readonly { value: string; label: string }[] }
  | { kind: "entity"; entity: Entity; multiple?: boolean };

/** What a form lists for choosing (the lists are small enough to keep): techs, teams, queues. */
export type ListedEntity = "tech" | "team" | "queue";
/** What a form offers to choose: the listed ones, and customers, searched in the helpdesk as one types. */
export type Entity = ListedEntity | "customer";

export type ParamMeta = ParamKind & { label: string };

export const paramUi = z.registry<ParamMeta>();

/** The form metadata of each field of a report's parameter schema, in declaration order. */
export function formFields(schema: z.ZodType): { name: string; meta: ParamMeta; description?: string }[] {
  const shape = objectShape(schema);
  return Object.entries(shape).flatMap(([name, field]) => {
    const found = registered(field);
    return found ? [{ name, meta: found.meta, description: field.description ?? found.field.description }] : [];
  });
}

/**
 * The field's form metadata, looked up through the wrappers added after it
 * was registered (`choice(…).default("support")`, `text(…).optional()`), so
 * that every parameter gets its control whatever order it was declared in.
 */
function registered(field: z.ZodType): { meta: ParamMeta; field: z.ZodType } | undefined {
  let current: z.ZodType | undefined = field;
  for (let i = 0; i < 5 && current; i++) {
    const meta = paramUi.get(current);
    if (meta) return { meta, field: current };
    const def = current._zod.def as { in?: z.ZodType; innerType?: z.ZodType };
    current = def.innerType ?? def.in;
  }
  return undefined;
}

/** The object shape behind a schema that may be wrapped in a refinement or pipe. */
export function objectShape(schema: z.ZodType): Record<string, z.ZodType> {
  let current: z.ZodType = schema;
  for (let i = 0; i < 5; i++) {
    if (current instanceof z.ZodObject) return current.shape as Record<string, z.ZodType>;
    const def = current._zod.def as { in?: z.ZodType; innerType?: z.ZodType; schema?: z.ZodType };
    const next = def.in ?? def.innerType ?? def.schema;
    if (!next) break;
    current = next;
  }
  throw new Error("A report's params must be a z.object (optionally refined)");
}

/** Whether a field takes several values (a repeated query-string key). */
export function isMultiple(field: z.ZodType): boolean {
  const meta = registered(field)?.meta;
  return meta?.kind === "entity" && meta.multiple === true;
}
