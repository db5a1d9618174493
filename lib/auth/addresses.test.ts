import { describe, expect, it } from "vitest";
import { addressMatcher, clientAddress, normalizeAddress } from "./addresses";

describe("trusted proxy addresses", () => {
  const trusted = addressMatcher(["10.0.0.5", "10.1.0.0/16", "fd00::/8"]);

  it("matches single addresses and CIDR blocks, IPv4 and IPv6", () => {
    expect(trusted("10.0.0.5")).toBe(true);
    expect(trusted("10.0.0.6")).toBe(false);
    expect(trusted("10.1.255.254")).toBe(true);
    expect(trusted("10.2.0.1")).toBe(false);
    expect(trusted("fd12::1")).toBe(true);
    expect(trusted("fe80::1")).toBe(false);
  });

  it("unwraps IPv4-mapped IPv6 peers, as Node reports them on a dual-stack socket", () => {
    expect(normalizeAddress("::ffff:10.0.0.5")).toBe("10.0.0.5");
    expect(trusted("::ffff:10.0.0.5")).toBe(true);
    expect(trusted("::ffff:10.0.0.6")).toBe(false);
  });

  it("trusts nothing that is not an address", () => {
    expect(trusted(undefined)).toBe(false);
    expect(trusted("")).toBe(false);
    expect(trusted("proxy.internal")).toBe(false);
  });

  it("takes the client from X-Forwarded-For only when a trusted proxy sent it", () => {
    expect(clientAddress("192.0.2.7", "203.0.113.9", trusted)).toBe("192.0.2.7");
    expect(clientAddress("10.0.0.5", "203.0.113.9", trusted)).toBe("203.0.113.9");
    // The nearest hop that is not one of our proxies; what the client wrote further left is not believed.
    expect(clientAddress("10.0.0.5", "198.51.100.1, 203.0.113.9, 10.1.0.3", trusted)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.5", "not-an-ip", trusted)).toBe("10.0.0.5");
    expect(clientAddress("10.0.0.5", undefined, trusted)).toBe("10.0.0.5");
  });
});
