import "server-only";
import type { User } from "../auth/roles";
import { config } from "../db/config";

/**
 * Who the page takes the visitor for, in the words of the header: in demo
 * mode nobody signs in ("viewing as tech", as the banner says); behind the
 * sign-in proxy, "signed in as ann (tech)". For pages that refuse a role.
 */
export function youAre(user: Pick<User, "login" | "role">): string {
  return config().LOOKBACK_AUTH === "demo"
    ? `you are viewing as ${user.role}`
    : `you are signed in as ${user.login} (${user.role})`;
}
