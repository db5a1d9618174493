/**
 * The demo's role cookie (LOOKBACK_AUTH=demo): the role switcher sets it.
 * No `server-only` here: Lookback's server reads it from the raw header too.
 */
export const ROLE_COOKIE = "lookback_role";

/** The role cookie's value in a raw Cookie header, if any. */
export function roleCookieOf(cookieHeader: string | undefined): string | undefined {
  return new RegExp(`(?:^|;\\s*)${ROLE_COOKIE}=([^;]*)`).exec(cookieHeader ?? "")?.[1];
}
