import "server-only";
import { cookies } from "next/headers";
import { ROLES, type Role, type User } from "./roles";

/**
 * Who is asking. Demo mode (no LOOKBACK_AUTH): the visitor picks a role with
 * the switcher, kept in a cookie. Proxy sign-in arrives with the access issue.
 */
export const ROLE_COOKIE = "lookback_role";

export async function currentUser(): Promise<User> {
  const jar = await cookies();
  return demoUser(jar.get(ROLE_COOKIE)?.value);
}

export function demoUser(role: string | undefined): User {
  const r: Role = ROLES.includes(role as Role) ? (role as Role) : "manager";
  return { login: `demo-${r}`, role: r, teamIds: [], techId: undefined };
}
