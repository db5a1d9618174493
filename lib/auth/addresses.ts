import net from "node:net";

/**
 * Which peers may vouch for a user: the sign-in proxy's addresses
 * (LOOKBACK_TRUSTED_PROXIES, IPs and CIDR blocks). Node's BlockList does the
 * matching; IPv4 peers that arrive as IPv4-mapped IPv6 (::ffff:10.0.0.5) are
 * unwrapped first so that an IPv4 rule matches them.
 */
export function normalizeAddress(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1] : trimmed;
}

export type AddressMatcher = (address: string | undefined) => boolean;

export function addressMatcher(entries: readonly string[]): AddressMatcher {
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split("/") as [string, string | undefined];
    const type = net.isIPv6(address) ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return (candidate) => {
    const address = normalizeAddress(candidate);
    if (!address) return false;
    const type = net.isIPv4(address) ? "ipv4" : net.isIPv6(address) ? "ipv6" : undefined;
    return type !== undefined && list.check(address, type);
  };
}

/**
 * The client's address. From an untrusted peer: the peer itself (whatever
 * X-Forwarded-For it sends is ignored). From a trusted proxy: the nearest
 * address in X-Forwarded-For that is not itself a trusted proxy.
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trusted: AddressMatcher,
): string | undefined {
  const direct = normalizeAddress(peer);
  if (!trusted(direct) || !forwardedFor) return direct;
  const hops = forwardedFor
    .split(",")
    .map((hop) => normalizeAddress(hop))
    .filter((hop): hop is string => !!hop && net.isIP(hop) !== 0);
  for (let i = hops.length - 1; i >= 0; i--) if (!trusted(hops[i])) return hops[i];
  return hops[0] ?? direct;
}
