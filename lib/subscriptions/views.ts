import "server-only";
import { canRun } from "../auth/access";
import type { Role, User } from "../auth/roles";
import { subscriptionStore } from "./store";
import { parseViewUrl } from "./view-url";

/**
 * Saved views: a name, its owner, the page's path and query, and who else
 * sees it. Private views are the owner's alone. A shared view is seen by
 * everyone of the role it is shared with; a lead may narrow a share to their
 * own teams, and then it is seen by leads of those teams. Nobody is shown a
 * view of a report their role may not run.
 */
export interface SavedView {
  id: string;
  name: string;
  owner: string;
  url: string;
  report: string;
  shared: null | { role: Role; teams?: number[] };
  createdAt: string;
}

interface ViewRow {
  id: string;
  name: string;
  owner: string;
  url: string;
  shared_role: Role | null;
  shared_teams: number[] | null;
  created_at: Date;
}

function toView(row: ViewRow): SavedView {
  const parsed = parseViewUrl(row.url);
  return {
    id: row.id,
    name: row.name,
    owner: row.owner,
    url: row.url,
    report: parsed.ok ? parsed.view.report.id : "",
    shared: row.shared_role
      ? { role: row.shared_role, ...(row.shared_teams ? { teams: row.shared_teams } : {}) }
      : null,
    createdAt: row.created_at.toISOString(),
  };
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Whether `user` may open, rename or delete `view`: their own, or one shared with them that they may run. */
function visibleTo(view: SavedView, user: User): boolean {
  if (same(view.owner, user.login)) return true;
  if (!view.shared || view.shared.role !== user.role) return false;
  if (view.shared.teams && !view.shared.teams.some((t) => user.teamIds.includes(t))) return false;
  return runnableBy(view, user);
}

function runnableBy(view: SavedView, user: User): boolean {
  const parsed = parseViewUrl(view.url);
  return parsed.ok && canRun(user, parsed.view.report);
}

/**
 * The views a user sees listed: their own first, then those shared with them, each by name; none of a
 * report their role may not run (an owner demoted since keeps the view, to delete it, but not in the lists).
 */
export async function listViews(user: User): Promise<{ mine: SavedView[]; shared: SavedView[] }> {
  const pool = await subscriptionStore();
  const { rows } = await pool.query<ViewRow>(
    `SELECT id::text, name, owner, url, shared_role, shared_teams, created_at FROM saved_views
     WHERE lower(owner) = lower($1) OR shared_role = $2 ORDER BY lower(name), id`,
    [user.login, user.role],
  );
  const views = rows.map(toView).filter((v) => visibleTo(v, user) && runnableBy(v, user));
  return {
    mine: views.filter((v) => same(v.owner, user.login)),
    shared: views.filter((v) => !same(v.owner, user.login)),
  };
}

export async function getView(id: string, user: User): Promise<SavedView | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  const pool = await subscriptionStore();
  const { rows } = await pool.query<ViewRow>(
    "SELECT id::text, name, owner, url, shared_role, shared_teams, created_at FROM saved_views WHERE id = $1",
    [id],
  );
  const view = rows[0] && toView(rows[0]);
  return view && visibleTo(view, user) ? view : undefined;
}

export async function createView(
  input: { name: string; url: string; shared: SavedView["shared"] },
  user: User,
): Promise<SavedView> {
  const pool = await subscriptionStore();
  const { rows } = await pool.query<ViewRow>(
    `INSERT INTO saved_views (name, owner, url, shared_role, shared_teams) VALUES ($1, $2, $3, $4, $5)
     RETURNING id::text, name, owner, url, shared_role, shared_teams, created_at`,
    [input.name, user.login, input.url, input.shared?.role ?? null, input.shared?.teams ?? null],
  );
  return toView(rows[0] as ViewRow);
}

/** Renames or deletes one of the user's own views; `not_found` when they cannot see it, `forbidden` when it is someone else's. */
export async function changeView(
  id: string,
  user: User,
  change: { rename: string } | { delete: true },
): Promise<"ok" | "not_found" | "forbidden"> {
  const view = await getView(id, user);
  if (!view) return "not_found";
  if (!same(view.owner, user.login)) return "forbidden";
  const pool = await subscriptionStore();
  if ("rename" in change) await pool.query("UPDATE saved_views SET name = $2 WHERE id = $1", [id, change.rename]);
  else await pool.query("DELETE FROM saved_views WHERE id = $1", [id]);
  return "ok";
}
