import type { Config } from "../db/config";
import { SourceError } from "../db/errors";
import { log } from "../log";
import { type AddressMatcher, clientAddress, normalizeAddress } from "./addresses";
import type { User } from "./roles";
import { techIdOf } from "./tech-logins";
import { grantFor, loadUsersFile, UsersFileError } from "./users-file";

/**
 * Proxy sign-in: who a request is from, decided once per request by the gate
 * before Next.js sees it. The login header (LOOKBACK_AUTH_HEADER) is believed
 * only when the request comes straight from a trusted proxy; from anyone
 * else it is ignored, as if absent, and the request is refused.
 */
export type Identity =
  | { ok: true; user: User; client?: string }
  | { ok: false; status: 401 | 403 | 503; message: string; client?: string };

export interface ProxyRequest {
  /** The TCP peer (req.socket.remoteAddress). */
  peer: string | undefined;
  header(name: string): string | undefined;
}

type AuthConfig = Pick<
  Config,
  "LOOKBACK_AUTH_HEADER" | "LOOKBACK_AUTH_GROUPS_HEADER" | "LOOKBACK_USERS_FILE" | "LOOKBACK_TRUSTED_PROXIES"
>;

const MAX_LOGIN = 200;

export async function identify(request: ProxyRequest, c: AuthConfig, trusted: AddressMatcher): Promise<Identity> {
  const peer = normalizeAddress(request.peer);
  const client = clientAddress(peer, request.header("x-forwarded-for"), trusted);
  if (!trusted(peer)) {
    return {
      ok: false,
      status: 403,
      client,
      message: `Lookback accepts requests only through the sign-in proxy; this one came straight from ${peer ?? "an unknown address"}.`,
    };
  }
  const login = request.header(c.LOOKBACK_AUTH_HEADER)?.trim() ?? "";
  if (login === "") {
    return {
      ok: false,
      status: 401,
      client,
      message: `No one is signed in: the sign-in proxy sent no ${c.LOOKBACK_AUTH_HEADER} header.`,
    };
  }
  // A login is a name, not a document: refuse control characters and absurd lengths outright.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (login.length > MAX_LOGIN || /[\u0000-\u001f\u007f]/.test(login)) {
    return { ok: false, status: 403, client, message: `The ${c.LOOKBACK_AUTH_HEADER} header does not hold a login.` };
  }
  const groups = (request.header(c.LOOKBACK_AUTH_GROUPS_HEADER) ?? "")
    .split(/[,;]/)
    .map((g) => g.trim())
    .filter((g) => g !== "");
  try {
    const file = loadUsersFile(c.LOOKBACK_USERS_FILE ?? "");
    const grant = grantFor(file, login, groups);
    if (grant) {
      const techId = grant.techId ?? (grant.role === "tech" ? await techIdOf(login) : undefined);
      return { ok: true, client, user: { login, role: grant.role, teamIds: grant.teamIds, techId } };
    }
    const techId = await techIdOf(login);
    if (techId !== undefined) return { ok: true, client, user: { login, role: "tech", teamIds: [], techId } };
    return {
      ok: false,
      status: 403,
      client,
      message: `${login} has no role in Lookback: ask whoever runs Lookback to add you (or one of your groups) to its users file.`,
    };
  } catch (error) {
    if (error instanceof SourceError) {
      return {
        ok: false,
        status: 503,
        client,
        message: `Lookback cannot check who ${login} is right now: ${error.message}`,
      };
    }
    if (error instanceof UsersFileError) {
      log.error({ err: error.message }, "the users file cannot be read");
      return {
        ok: false,
        status: 503,
        client,
        message: "Lookback's users file cannot be read; the server log says why.",
      };
    }
    throw error;
  }
}
