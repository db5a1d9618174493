import { describe, expect, it } from "vitest";
import { statusLabel } from "./status-label";

describe("a ticket status as shown", () => {
  it("reads on_hold as 'on hold' and leaves the others and null alone", () => {
    expect(["new", "open", "pending", "on_hold", "resolved"].map(statusLabel)).toEqual([
      "new",
      "open",
      "pending",
      "on hold",
      "resolved",
    ]);
    expect(statusLabel(null)).toBeNull();
  });
});
