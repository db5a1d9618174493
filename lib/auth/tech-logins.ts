import { LRUCache } from "lru-cache";
import { readOnly } from "../db/read-only";
import type { Helpdesk } from "../db/types";

/**
 * A signed-in login's helpdesk tech id (techs.login), kept for a minute, so
 * that signing in costs one lookup a minute per person, not one per request:
 * an index lookup for the login as sent, a scan of the (small) techs table
 * only when it differs in case. A tech who is not in the users file is a
 * `tech` with this id. lru-cache keeps them (10,000 logins at most), shares
 * one lookup among the requests that ask at once, and does not remember a
 * failed one (the helpdesk down): the next request asks again.
 */
const techIds = new LRUCache<string, { id: number | undefined }, string>({
  max: 10_000,
  ttl: 60_000,
  fetchMethod: async (_key, _stale, { context: login }) => ({ id: await lookUp(login) }),
});

export async function techIdOf(login: string): Promise<number | undefined> {
  // Kept under the login as sent: techs.login is unique as written, so rvance and RVance may be two techs.
  return (await techIds.fetch(login, { context: login }))?.id;
}

function lookUp(login: string): Promise<number | undefined> {
  const lowerCase = login.toLowerCase();
  return readOnly<Helpdesk, number | undefined>("helpdesk", { label: "sign-in" }, async ({ db }) => {
    // The login as the proxy sent it (the unique index on techs.login), else the same login in another case.
    const exact = await db.selectFrom("techs").select("id").where("login", "=", login).executeTakeFirst();
    if (exact) return exact.id;
    const anyCase = await db
      .selectFrom("techs")
      .select("id")
      .where((eb) => eb(eb.fn("lower", ["login"]), "=", lowerCase))
      .orderBy("id")
      .executeTakeFirst();
    return anyCase?.id;
  });
}

/** Forget every lookup (tests). */
export function forgetTechLogins(): void {
  techIds.clear();
}
