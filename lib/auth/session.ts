import "server-only";
import { cookies } from "next/headers";
import { config } from "../db/config";
import { demoUser } from "./demo-user";
import { requestContext } from "./request-context";
import { ROLE_COOKIE, roleCookieOf } from "./role-cookie";
import type { User } from "./roles";

export { DEMO_LEAD_TEAMS, DEMO_TECH_ID, demoUser } from "./demo-user";

/**
 * Who is asking: the one function every page, route and export calls.
 *
 * - `LOOKBACK_AUTH=proxy`: the user Lookback's server verified (gate.ts)
 *   from the trusted sign-in proxy's header. There is no other way in: a
 *   request that did not pass the gate (Lookback started with `next start`
 *   instead of its own server) has no user and is refused with an error.
 * - `LOOKBACK_AUTH=demo` (the default outside production): the visitor picks
 *   a role with the switcher, kept in a cookie.
 */
export { ROLE_COOKIE };

export async function currentUser(): Promise<User> {
  // First, so that every page asking who is there renders per request, never at build time.
  const jar = await cookies();
  if (config().LOOKBACK_AUTH === "proxy") {
    const user = requestContext()?.user;
    if (!user) {
      throw new Error(
        "No verified user reached this request: with LOOKBACK_AUTH=proxy, run Lookback with `npm start` (its own server, server.ts), not `next start`.",
      );
    }
    return user;
  }
  return demoUser(jar.get(ROLE_COOKIE)?.value);
}

/**
 * The same answer for Lookback's server, outside Next.js (a streamed export,
 * server.ts): the verified user in proxy mode (undefined if none reached the
 * request), else the demo visitor of the raw Cookie header.
 */
export function userOfRequest(cookieHeader: string | undefined): User | undefined {
  if (config().LOOKBACK_AUTH === "proxy") return requestContext()?.user;
  return demoUser(roleCookieOf(cookieHeader));
}

/** The client's address as Lookback's server saw it (undefined outside it). */
export function clientOfRequest(): string | undefined {
  return requestContext()?.client;
}

/** Aborted when the client of the current request goes away (undefined outside Lookback's server). */
export function requestSignal(): AbortSignal | undefined {
  return requestContext()?.signal;
}
