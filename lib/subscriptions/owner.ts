import "server-only";
import { ROLES, type Role, type User } from "../auth/roles";
import { demoUser } from "../auth/session";
import { techIdOf } from "../auth/tech-logins";
import { grantFor, loadUsersFile } from "../auth/users-file";
import { config } from "../db/config";

/**
 * Who a subscription runs as, decided again at every run: a subscription
 * never outlives its owner's right to see what it sends. With sign-in
 * (LOOKBACK_AUTH=proxy) the owner's login is looked up as the gate would:
 * their own entry in the users file, else the groups they had when they
 * last saved the subscription (the proxy tells their groups only on a
 * request), else a helpdesk tech with that login. In demo mode it is the
 * demo role they had when they created it.
 */
export interface Owner {
  owner: string;
  owner_demo_role: string | null;
  owner_groups: string[];
}

export type OwnerNow = { ok: true; user: User } | { ok: false; reason: string };

export async function ownerNow(sub: Owner): Promise<OwnerNow> {
  const c = config();
  if (c.LOOKBACK_AUTH === "demo") {
    const role = sub.owner_demo_role ?? sub.owner.replace(/^demo-/, "");
    if (!ROLES.includes(role as Role)) {
      return { ok: false, reason: `${sub.owner} was not a demo visitor, and only sign-in can say who they are now.` };
    }
    return { ok: true, user: demoUser(role) };
  }
  const file = loadUsersFile(c.LOOKBACK_USERS_FILE ?? "");
  const grant = grantFor(file, sub.owner, sub.owner_groups);
  if (grant) {
    const techId = grant.techId ?? (grant.role === "tech" ? await techIdOf(sub.owner) : undefined);
    return { ok: true, user: { login: sub.owner, role: grant.role, teamIds: grant.teamIds, techId } };
  }
  const techId = await techIdOf(sub.owner);
  if (techId !== undefined) return { ok: true, user: { login: sub.owner, role: "tech", teamIds: [], techId } };
  return { ok: false, reason: `${sub.owner} no longer has a role in Lookback.` };
}
