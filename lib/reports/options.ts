import "server-only";
import { sql } from "kysely";
import { readOnly } from "../db/read-only";
import type { Helpdesk } from "../db/types";

export interface Option {
  value: string;
  label: string;
}
export type EntityOptions = Record<"tech" | "team" | "queue", Option[]>;

const TTL_MS = 60_000;
let cached: { at: number; options: Promise<EntityOptions> } | undefined;

/**
 * The choices for tech, team and queue selects, read from the helpdesk
 * replica and kept for a minute. A team is listed under its current name
 * with its former names beside it, so people find it by any of them.
 */
export function entityOptions(): Promise<EntityOptions> {
  if (!cached || Date.now() - cached.at > TTL_MS) {
    const options = load();
    cached = { at: Date.now(), options };
    options.catch(() => {
      cached = undefined;
    });
  }
  return cached.options;
}

function load(): Promise<EntityOptions> {
  return readOnly<Helpdesk, EntityOptions>("helpdesk", { label: "form-options" }, async ({ db }) => {
    const techs = await db
      .selectFrom("techs")
      .select(["id", "login", "full_name", "left_on"])
      .orderBy("full_name")
      .execute();
    const teams = await sql<{ id: number; names: string[] }>`
      SELECT team_id AS id, array_agg(name ORDER BY valid_from DESC) AS names
      FROM team_names GROUP BY team_id ORDER BY 2`.execute(db);
    const queues = await db.selectFrom("queues").select(["id", "name"]).orderBy("name").execute();
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
    };
  });
}
