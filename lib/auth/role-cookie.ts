import { RequestCookies } from "next/dist/compiled/@edge-runtime/cookies";

/**
 * The demo's role cookie (LOOKBACK_AUTH=demo): the role switcher sets it.
 * No `server-only` here: Lookback's server reads it from the raw header too.
 */
export const ROLE_COOKIE = "lookback_role";

/**
 * The role cookie's value in a raw Cookie header, if any, parsed by the parser Next.js's cookies() uses
 * (the last of several, decoded): Lookback's server and the pages must agree on who is asking, or an
 * answer stored under one role would be served to another.
 */
export function roleCookieOf(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  return new RequestCookies(new Headers({ cookie: cookieHeader })).get(ROLE_COOKIE)?.value;
}
