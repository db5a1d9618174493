import "server-only";
import { lookup } from "node:dns/promises";
import net from "node:net";
import { addressMatcher, normalizeAddress } from "../auth/addresses";

/**
 * Where subscriptions may send, checked when one is created and again at
 * every delivery (the allow-list or DNS may have changed since).
 *
 * Webhooks: the host must match LOOKBACK_WEBHOOK_ALLOW (a host name, a
 * pattern `*.example.com` covering its subdomains, an IP address or CIDR
 * block). The host is resolved and every address checked: a private,
 * loopback, link-local or otherwise internal address is refused unless the
 * allow-list names that address (or block), or the host itself by its
 * literal name, so a public name that points inward cannot reach the
 * internal network. The request then goes to the address that was checked,
 * not to a second lookup.
 *
 * Mail: only to addresses on LOOKBACK_MAIL_DOMAINS (a domain covers its
 * subdomains), unless a manager allows other addresses for a subscription.
 */
const INTERNAL = new net.BlockList();
for (const [address, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3],
] as const) {
  INTERNAL.addSubnet(address, prefix, "ipv4");
}
for (const [address, prefix] of [
  ["::", 127],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  INTERNAL.addSubnet(address, prefix, "ipv6");
}

export function isInternal(address: string): boolean {
  const a = normalizeAddress(address) as string;
  return net.isIPv4(a) ? INTERNAL.check(a, "ipv4") : INTERNAL.check(a, "ipv6");
}

const isAddressEntry = (entry: string) => net.isIP(entry.split("/")[0] as string) !== 0;

/** A name entry matches names only: `*.0.0.1` must not let in 127.0.0.1. */
function hostMatches(host: string, entry: string): boolean {
  if (net.isIP(host) !== 0) return false;
  if (entry.startsWith("*.")) return host.endsWith(entry.slice(1)) && host.length > entry.length - 1;
  return host === entry;
}

export type WebhookCheck = { ok: true; url: URL } | { ok: false; message: string };

/** The URL's form and its host against the allow-list (no DNS). */
export function checkWebhookUrl(given: string, allow: readonly string[]): WebhookCheck {
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    return { ok: false, message: "is not a URL" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, message: "must be an https:// URL" };
  if (url.username || url.password) return { ok: false, message: "must not carry a user name or password" };
  if (allow.length === 0) {
    return { ok: false, message: "cannot be used: webhooks are turned off here (LOOKBACK_WEBHOOK_ALLOW is empty)" };
  }
  const host = hostOf(url);
  const addresses = allow.filter(isAddressEntry);
  const listed =
    allow.some((e) => !isAddressEntry(e) && hostMatches(host, e)) ||
    (net.isIP(host) !== 0 && addressMatcher(addresses)(host));
  // A name not listed may still be allowed by the addresses it resolves to (checked when resolving).
  if (!listed && (net.isIP(host) !== 0 || addresses.length === 0)) {
    return { ok: false, message: `must go to a host allowed by LOOKBACK_WEBHOOK_ALLOW; ${host} is not` };
  }
  return { ok: true, url };
}

/** Resolves a checked webhook's host and returns the address to connect to, or why none may be used. */
export async function resolveWebhook(
  url: URL,
  allow: readonly string[],
): Promise<{ ok: true; address: string; family: 4 | 6 } | { ok: false; message: string }> {
  const host = hostOf(url);
  const byAddress = addressMatcher(allow.filter(isAddressEntry));
  const literal = allow.includes(host);
  const byName = allow.some((e) => !isAddressEntry(e) && hostMatches(host, e));
  let found: { address: string; family: number }[];
  try {
    found = net.isIP(host) !== 0 ? [{ address: host, family: net.isIP(host) }] : await lookup(host, { all: true });
  } catch {
    return { ok: false, message: `the webhook's host ${host} cannot be resolved` };
  }
  if (found.length === 0) return { ok: false, message: `the webhook's host ${host} has no address` };
  for (const { address } of found) {
    if (!byName && !byAddress(address)) {
      return { ok: false, message: `the webhook's host ${host} is not allowed by LOOKBACK_WEBHOOK_ALLOW` };
    }
    if (isInternal(address) && !literal && !byAddress(address)) {
      return {
        ok: false,
        message: `the webhook's host ${host} resolves to an internal address (${address}), which LOOKBACK_WEBHOOK_ALLOW does not list`,
      };
    }
  }
  const first = found[0] as { address: string; family: number };
  return { ok: true, address: first.address, family: first.family === 6 ? 6 : 4 };
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
}

/** A webhook as pages and the API show it: scheme and host, the path (which holds the token) hidden. */
export function redactWebhook(given: string): string {
  try {
    const url = new URL(given);
    return `${url.protocol}//${url.host}/…`;
  } catch {
    return "(hidden)";
  }
}

/** The addresses outside LOOKBACK_MAIL_DOMAINS. */
export function outsideDomains(addresses: readonly string[], domains: readonly string[]): string[] {
  return addresses.filter((a) => {
    const domain = a.slice(a.lastIndexOf("@") + 1).toLowerCase();
    return !domains.some((d) => domain === d || domain.endsWith(`.${d}`));
  });
}
