import { readOnly } from "../db/read-only";
import type { Helpdesk } from "../db/types";

/**
 * A signed-in login's helpdesk tech id (techs.login), kept for a minute, so
 * that signing in costs one lookup a minute per person, not one per request:
 * an index lookup for the login as sent, a scan of the (small) techs table
 * only when it differs in case. A tech who is not in the users file is a
 * `tech` with this id.
 */
const TTL_MS = 60_000;
const cache = new Map<string, { at: number; techId: Promise<number | undefined> }>();

export function techIdOf(login: string): Promise<number | undefined> {
  const key = login.toLowerCase();
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.techId;
  const techId = readOnly<Helpdesk, number | undefined>("helpdesk", { label: "sign-in" }, async ({ db }) => {
    // The login as the proxy sent it (the unique index on techs.login), else the same login in another case.
    const exact = await db.selectFrom("techs").select("id").where("login", "=", login).executeTakeFirst();
    if (exact) return exact.id;
    const anyCase = await db
      .selectFrom("techs")
      .select("id")
      .where((eb) => eb(eb.fn("lower", ["login"]), "=", key))
      .orderBy("id")
      .executeTakeFirst();
    return anyCase?.id;
  });
  cache.set(key, { at: Date.now(), techId });
  // A failed lookup (helpdesk down) is not remembered: the next request asks again.
  techId.catch(() => cache.delete(key));
  if (cache.size > 10_000) cache.delete(cache.keys().next().value as string);
  return techId;
}

/** Forget every lookup (tests). */
export function forgetTechLogins(): void {
  cache.clear();
}
