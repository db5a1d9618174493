import "server-only";
import { type Kysely, sql } from "kysely";
import { LRUCache } from "lru-cache";
import type { z } from "zod";
import type { User } from "../auth/roles";
import { readOnly } from "../db/read-only";
import type { Helpdesk } from "../db/types";
import { formFields, type ListedEntity } from "../params/ui";

export interface Option {
  value: string;
  label: string;
}
/**
 * What a form offers: the tech, team and queue lists, and the customers its values name (customers are
 * searched as one types, /api/options/customer: a shop has tens of thousands).
 */
export type EntityOptions = Record<ListedEntity, Option[]> & { customer?: Option[] };

/** Everything, plus who was ever in which team: what each role's lists are cut from. */
export interface Loaded extends EntityOptions {
  memberships: { tech: string; team: string }[];
}

/** The lists, read at most once a minute (requests at once share the read; a failed one is not kept). */
const lists = new LRUCache<"all", Loaded>({ max: 1, ttl: 60_000, fetchMethod: () => load() });

/**
 * The choices for tech, team and queue selects, read from the helpdesk
 * replica and kept for a minute, cut to what `user` may see: a manager sees
 * everyone; a lead their teams and the techs ever in them (the reports
 * themselves enforce the role in SQL, by the team at the end of the range;
 * the lists only stop offering choices that would come back empty); a tech
 * only themselves and their own teams, never a colleague's name. Queues are
 * not secret: every role's queue reports cover every queue. Without a user,
 * everything (for lists of queues only). A team is listed under its current
 * name with its former names beside it, so people find it by any of them.
 */
export async function entityOptions(user?: User): Promise<EntityOptions> {
  return visibleTo(await loaded(), user);
}

/** The lists cut to what `user` may see (see entityOptions). */
export function visibleTo(all: Loaded, user: User | undefined): EntityOptions {
  if (!user || user.role === "manager") return { tech: all.tech, team: all.team, queue: all.queue };
  const self = user.techId === undefined ? undefined : String(user.techId);
  const teams =
    user.role === "lead"
      ? new Set(user.teamIds.map(String))
      : new Set(all.memberships.filter((m) => m.tech === self).map((m) => m.team));
  const techs =
    user.role === "lead"
      ? new Set(all.memberships.filter((m) => teams.has(m.team)).map((m) => m.tech))
      : new Set(self === undefined ? [] : [self]);
  return {
    tech: all.tech.filter((o) => techs.has(o.value)),
    team: all.team.filter((o) => teams.has(o.value)),
    queue: all.queue,
  };
}

async function loaded(): Promise<Loaded> {
  return (await lists.fetch("all")) as Loaded;
}

function load(): Promise<Loaded> {
  return readOnly<Helpdesk, Loaded>("helpdesk", { label: "form-options" }, async ({ db }) => {
    const techs = await db
      .selectFrom("techs")
      .select(["id", "login", "full_name", "left_on"])
      .orderBy("full_name")
      .execute();
    const teams = await sql<{ id: number; names: string[] }>`
      SELECT team_id AS id, array_agg(name ORDER BY valid_from DESC) AS names
      FROM team_names GROUP BY team_id ORDER BY 2`.execute(db);
    const queues = await db.selectFrom("queues").select(["id", "name"]).orderBy("name").execute();
    const memberships = await db.selectFrom("team_members").select(["tech_id", "team_id"]).distinct().execute();
    return {
      tech: techs.map((t) => ({
        value: String(t.id),
        label: `${t.full_name} (${t.login})${t.left_on ? " — left" : ""}`,
      })),
      team: teams.rows.map((t) => {
        const [current, ...former] = [...new Set(t.names)];
        return {
          value: String(t.id),
          label: former.length ? `${current} (was ${former.join(", ")})` : String(current),
        };
      }),
      queue: queues.map((q) => ({ value: String(q.id), label: q.name })),
      memberships: memberships.map((m) => ({ tech: String(m.tech_id), team: String(m.team_id) })),
    };
  });
}

/**
 * What the form of `schema` offers `user`, showing `values`: the lists (entityOptions), and each customer
 * the values name, by name, for its picker. Customers are not secret: every role's reports name them.
 * A helpdesk that cannot name them leaves the customers as their ids ("#12"), never the lists.
 */
export async function formOptions(
  user: User,
  schema: z.ZodType,
  values: Record<string, unknown>,
): Promise<EntityOptions> {
  const ids = formFields(schema)
    .filter((f) => f.meta.kind === "entity" && f.meta.entity === "customer")
    .flatMap((f) => [values[f.name]].flat())
    .map(Number)
    .filter((id) => Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647);
  const [lists, customer] = await Promise.all([
    entityOptions(user),
    ids.length === 0
      ? []
      : readOnly<Helpdesk, Option[]>("helpdesk", { label: "form-options" }, ({ db }) => named(db, ids)).catch(() =>
          ids.map((id) => ({ value: String(id), label: `#${id}` })),
        ),
  ]);
  return { ...lists, customer };
}

/** Customers as a picker shows them: the name and the id, since two customers may share a name. */
const customerOption = (c: { id: number; name: string }): Option => ({
  value: String(c.id),
  label: `${c.name} (#${c.id})`,
});

async function named(db: Kysely<Helpdesk>, ids: number[]): Promise<Option[]> {
  const rows = await db.selectFrom("customers").select(["id", "name"]).where("id", "in", ids).execute();
  return rows.map(customerOption);
}

/**
 * A customer picker's search, in the helpdesk: customers whose name holds every word of `query` (any
 * case, as PostgreSQL's lower() folds it; accents count), or whose id it is, best first: the id, then
 * names that start with the query, then the rest, by name. Each word is a substring match, which the
 * recommended trigram index on lower(name) serves (sql/indexes/helpdesk/cert-lookup.sql); the answer is
 * one screenful, never the table. `signal` cancels it (the picker asked again).
 */
export async function searchCustomers(
  query: string,
  { limit = SEARCH_LIMIT, signal }: { limit?: number; signal?: AbortSignal } = {},
): Promise<{ options: Option[]; more: boolean }> {
  // A NUL is no character of any name (and PostgreSQL refuses it in text).
  const q = query.replaceAll("\0", "").trim();
  const words = q.split(/\s+/).filter(Boolean);
  const id = /^#?\d{1,9}$/.test(q) ? Number(q.replace("#", "")) : null;
  const like = (s: string) => s.replace(/[\\%_]/g, "\\$&");
  const rows = await readOnly<Helpdesk, { id: number; name: string }[]>(
    "helpdesk",
    { label: "form-options", signal },
    async ({ db }) => {
      const { rows } = await sql<{ id: number; name: string }>`
        SELECT id, name FROM customers
        WHERE ${
          words.length === 0
            ? sql`true`
            : sql.join(
                words.map((w) => sql`lower(name) LIKE lower(${`%${like(w)}%`})`),
                sql` AND `,
              )
        }
           ${id === null ? sql`` : sql`OR id = ${id}`}
        ORDER BY ${id === null ? sql`` : sql`id = ${id} DESC,`} lower(name) LIKE lower(${`${like(q)}%`}) DESC, name, id
        LIMIT ${limit + 1}`.execute(db);
      return rows;
    },
  );
  return { options: rows.slice(0, limit).map(customerOption), more: rows.length > limit };
}

/** How many choices a picker's search answers with: a screenful, never the whole list. */
export const SEARCH_LIMIT = 20;

/**
 * The choices whose label holds every word of `query` (any case, any accents), best first: labels that
 * start with the query, then those with a word that does, then the rest, each in the list's own order.
 * An empty query gives the list's first choices. `more` says whether any matching choice was left out.
 */
export function searchOptions(
  list: Option[],
  query: string,
  limit = SEARCH_LIMIT,
): { options: Option[]; more: boolean } {
  const q = fold(query.trim());
  const words = q.split(/\s+/).filter(Boolean);
  const rank = (label: string) =>
    label.startsWith(q) ? 0 : words.some((w) => new RegExp(`\\b${literal(w)}`).test(label)) ? 1 : 2;
  const matching = list
    .map((option, order) => ({ option, order, label: fold(option.label) }))
    .filter((o) => words.every((w) => o.label.includes(w)))
    .map((o) => ({ ...o, rank: rank(o.label) }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order);
  return { options: matching.slice(0, limit).map((o) => o.option), more: matching.length > limit };
}

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
