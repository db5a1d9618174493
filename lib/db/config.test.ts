import { describe, expect, it } from "vitest";
import { parseConfig } from "./config";

/** The configuration refuses, by name and with what to set, every way of starting without a decision about sign-in. */
const urls = {
  HELPDESK_DATABASE_URL: "postgres://lookback@helpdesk-replica/helpdesk",
  BILLING_DATABASE_URL: "postgres://lookback@billing-replica-1/billing, postgres://lookback@billing-replica-2/billing",
};

function problem(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  return "(accepted)";
}

describe("parseConfig: sign-in", () => {
  it("refuses to start in production with no LOOKBACK_AUTH, saying what to set", () => {
    const message = problem({ ...urls, NODE_ENV: "production" });
    expect(message).toContain("LOOKBACK_AUTH is not set");
    expect(message).toContain("LOOKBACK_AUTH=proxy");
    expect(message).toContain("LOOKBACK_TRUSTED_PROXIES");
    expect(message).toContain("LOOKBACK_AUTH=demo");
  });

  it("is in demo mode outside production when nothing is said, and when told so in production", () => {
    expect(parseConfig({ ...urls, NODE_ENV: "development" }).LOOKBACK_AUTH).toBe("demo");
    expect(parseConfig({ ...urls, NODE_ENV: "production", LOOKBACK_AUTH: "demo" }).LOOKBACK_AUTH).toBe("demo");
  });

  it("needs the trusted proxies and the users file in proxy mode", () => {
    const message = problem({ ...urls, NODE_ENV: "production", LOOKBACK_AUTH: "proxy" });
    expect(message).toContain("LOOKBACK_TRUSTED_PROXIES is not set");
    expect(message).toContain("LOOKBACK_USERS_FILE is not set");
  });

  it("reads proxy mode with its header names, addresses and CIDR blocks", () => {
    const c = parseConfig({
      ...urls,
      LOOKBACK_AUTH: "proxy",
      LOOKBACK_AUTH_HEADER: "X-Remote-User",
      LOOKBACK_TRUSTED_PROXIES: "10.0.0.5, 10.1.0.0/16,::1",
      LOOKBACK_USERS_FILE: "/etc/lookback/users.json",
    });
    expect(c).toMatchObject({
      LOOKBACK_AUTH: "proxy",
      LOOKBACK_AUTH_HEADER: "x-remote-user",
      LOOKBACK_AUTH_GROUPS_HEADER: "x-forwarded-groups",
      LOOKBACK_TRUSTED_PROXIES: ["10.0.0.5", "10.1.0.0/16", "::1"],
    });
    expect(c.BILLING_DATABASE_URL).toHaveLength(2);
  });

  it("names a malformed value", () => {
    expect(problem({ ...urls, LOOKBACK_AUTH: "ldap" })).toContain("LOOKBACK_AUTH must be one of: demo, proxy");
    expect(
      problem({
        ...urls,
        LOOKBACK_AUTH: "proxy",
        LOOKBACK_TRUSTED_PROXIES: "proxy.internal",
        LOOKBACK_USERS_FILE: "u.json",
      }),
    ).toContain("LOOKBACK_TRUSTED_PROXIES must list IP addresses or CIDR blocks");
    expect(problem({ ...urls, LOOKBACK_AUTH_HEADER: "x user" })).toContain(
      "LOOKBACK_AUTH_HEADER must be an HTTP header name",
    );
  });

  it("never repeats a database URL or its password in its messages", () => {
    const message = problem({ HELPDESK_DATABASE_URL: "mysql://admin:s3cret@db/helpdesk", BILLING_DATABASE_URL: "" });
    expect(message).toContain("HELPDESK_DATABASE_URL");
    expect(message).not.toContain("s3cret");
  });
});

describe("parseConfig: waiting for a connection", () => {
  it("waits 20 s for a free pooled connection unless told otherwise, and refuses a wait that is not a positive integer", () => {
    expect(parseConfig(urls).LOOKBACK_QUEUE_TIMEOUT_MS).toBe(20_000);
    expect(parseConfig({ ...urls, LOOKBACK_QUEUE_TIMEOUT_MS: "750" }).LOOKBACK_QUEUE_TIMEOUT_MS).toBe(750);
    expect(problem({ ...urls, LOOKBACK_QUEUE_TIMEOUT_MS: "soon" })).toContain("LOOKBACK_QUEUE_TIMEOUT_MS");
    expect(problem({ ...urls, LOOKBACK_QUEUE_TIMEOUT_MS: "0" })).toContain("LOOKBACK_QUEUE_TIMEOUT_MS");
    // Past 2^31 - 1 ms Node fires a timer at once: every statement would have "stopped answering".
    expect(problem({ ...urls, LOOKBACK_STATEMENT_TIMEOUT_MS: "2147483647" })).toContain(
      "LOOKBACK_STATEMENT_TIMEOUT_MS must be at most 86400000",
    );
  });
});

describe("parseConfig: LOOKBACK_TICKET_URL", () => {
  it("takes an http(s) template with {id}, and no template when unset or empty", () => {
    const template = "https://helpdesk.example.com/tickets/{id}";
    expect(parseConfig({ ...urls, LOOKBACK_TICKET_URL: template }).LOOKBACK_TICKET_URL).toBe(template);
    expect(parseConfig({ ...urls }).LOOKBACK_TICKET_URL).toBeUndefined();
    expect(parseConfig({ ...urls, LOOKBACK_TICKET_URL: "" }).LOOKBACK_TICKET_URL).toBeUndefined();
  });

  it("refuses a template without {id} or that is not an http(s) address, naming the variable", () => {
    expect(problem({ ...urls, LOOKBACK_TICKET_URL: "https://helpdesk.example.com/tickets/" })).toContain(
      "LOOKBACK_TICKET_URL must contain {id}",
    );
    expect(problem({ ...urls, LOOKBACK_TICKET_URL: "javascript:alert({id})" })).toContain(
      "LOOKBACK_TICKET_URL must be an http:// or https:// address",
    );
  });
});

describe("parseConfig: subscriptions", () => {
  it("reads the mail and webhook settings, lists lower-cased, and names a bad one", () => {
    const c = parseConfig({
      ...urls,
      LOOKBACK_SMTP_URL: "smtps://lookback:secret@mail.example.com:465",
      LOOKBACK_PUBLIC_URL: "https://lookback.example.com/",
      LOOKBACK_WEBHOOK_ALLOW: "hooks.slack.com, *.Webhook.Office.com, 10.0.0.0/8",
      LOOKBACK_MAIL_DOMAINS: "Example.com",
    });
    expect(c.LOOKBACK_PUBLIC_URL).toBe("https://lookback.example.com");
    expect(c.LOOKBACK_WEBHOOK_ALLOW).toEqual(["hooks.slack.com", "*.webhook.office.com", "10.0.0.0/8"]);
    expect(c.LOOKBACK_MAIL_DOMAINS).toEqual(["example.com"]);
    expect(c.LOOKBACK_MAIL_FROM).toBe("Lookback <lookback@localhost>");
    expect(problem({ ...urls, LOOKBACK_SMTP_URL: "http://mail" })).toContain(
      "LOOKBACK_SMTP_URL must be an smtp:// or smtps:// URL",
    );
    expect(problem({ ...urls, LOOKBACK_WEBHOOK_ALLOW: "https://hooks.slack.com/x" })).toContain(
      "LOOKBACK_WEBHOOK_ALLOW must list",
    );
  });
});
