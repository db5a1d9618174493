import { describe, expect, it } from "vitest";
import { leadSentence } from "./lead-sentence";

describe("leadSentence", () => {
  it("prefers the report's summary", () => {
    expect(leadSentence({ summary: "Who did what.", description: "Long. Longer." })).toBe("Who did what.");
  });

  it("takes the description's first sentence, ignoring abbreviations inside it", () => {
    expect(leadSentence({ description: "Tickets per day, e.g. created ones. Then details." })).toBe(
      "Tickets per day, e.g. created ones.",
    );
  });

  it("stops at a colon that starts the details", () => {
    expect(
      leadSentence({ description: "What each tech actually did, beside the old credit: one row per tech. More." }),
    ).toBe("What each tech actually did, beside the old credit.");
  });

  it("cuts a very long first sentence at a clause boundary", () => {
    const long = `${"word ".repeat(30)}, ${"more ".repeat(30)}, ${"tail ".repeat(20)}.`;
    const lead = leadSentence({ description: long });
    expect(lead.length).toBeLessThanOrEqual(201);
    expect(lead.endsWith("…")).toBe(true);
  });
});
