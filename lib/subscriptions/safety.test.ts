import { describe, expect, it } from "vitest";
import { checkWebhookUrl, isInternal, outsideDomains, redactWebhook, resolveWebhook } from "./safety";

describe("webhook targets", () => {
  it("take hosts, subdomain patterns, addresses and blocks, and nothing else", () => {
    const allow = ["hooks.slack.com", "*.webhook.office.com", "203.0.113.0/24"];
    const ok = (url: string) => checkWebhookUrl(url, allow).ok;
    expect(ok("https://hooks.slack.com/services/T/B/x")).toBe(true);
    expect(ok("https://acme.webhook.office.com/x")).toBe(true);
    // Not listed by name: allowed only if it resolves inside 203.0.113.0/24 (checked when resolving).
    expect(checkWebhookUrl("https://webhook.office.com/x", ["*.webhook.office.com"]).ok).toBe(false);
    expect(ok("https://203.0.113.7/x")).toBe(true);
    expect(ok("https://198.51.100.7/x")).toBe(false);
    expect(ok("ftp://hooks.slack.com/x")).toBe(false);
    expect(ok("https://u:p@hooks.slack.com/x")).toBe(false);
    // A pattern never covers an address written as a host.
    expect(checkWebhookUrl("http://127.0.0.1/x", ["*.0.0.1"]).ok).toBe(false);
    expect(checkWebhookUrl("https://hooks.slack.com/x", [])).toEqual({
      ok: false,
      message: "cannot be used: webhooks are turned off here (LOOKBACK_WEBHOOK_ALLOW is empty)",
    });
  });

  it("refuse internal addresses unless the address or the literal host is listed", async () => {
    expect(
      ["127.0.0.1", "10.1.2.3", "192.168.0.9", "169.254.169.254", "::1", "fd00::1", "::ffff:10.0.0.1"].every(
        isInternal,
      ),
    ).toBe(true);
    expect(["203.0.113.7", "2001:db8::1", "8.8.8.8"].some(isInternal)).toBe(false);
    // localhost resolves to loopback: allowed only when listed by that very name or address.
    expect((await resolveWebhook(new URL("http://localhost/x"), ["localhost"])).ok).toBe(true);
    expect((await resolveWebhook(new URL("http://127.0.0.1/x"), ["127.0.0.0/8"])).ok).toBe(true);
    const blocked = await resolveWebhook(new URL("http://localhost/x"), ["203.0.113.0/24"]);
    expect(blocked).toEqual({
      ok: false,
      message: "the webhook's host localhost is not allowed by LOOKBACK_WEBHOOK_ALLOW",
    });
  });

  it("are shown without their path", () => {
    expect(redactWebhook("https://hooks.slack.com/services/T0/B0/XXXX")).toBe("https://hooks.slack.com/…");
  });
});

describe("mail domains", () => {
  it("cover their subdomains, in any case", () => {
    expect(
      outsideDomains(["a@example.com", "b@Ops.Example.com", "c@example.org", "d@badexample.com"], ["example.com"]),
    ).toEqual(["c@example.org", "d@badexample.com"]);
  });
});
