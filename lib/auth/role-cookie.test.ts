import { describe, expect, it } from "vitest";
import { roleCookieOf } from "./role-cookie";

/*
 * The demo's role is read from the raw Cookie header by Lookback's server (the stored answers' key) and by
 * Next.js's cookies() (the page and the route that run the report): both must read the same role.
 */
describe("the demo role cookie", () => {
  it("is read as Next.js reads it: the last of several, decoded, none from a longer name", () => {
    expect(roleCookieOf("lookback_role=tech; lookback_role=manager")).toBe("manager");
    expect(roleCookieOf("a=1;lookback_role=lead")).toBe("lead");
    expect(roleCookieOf("lookback_role=%6Danager")).toBe("manager");
    expect(roleCookieOf("x_lookback_role=manager")).toBeUndefined();
    expect(roleCookieOf(undefined)).toBeUndefined();
  });
});
