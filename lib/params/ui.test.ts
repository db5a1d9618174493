import { describe, expect, it } from "vitest";
import { auditParams } from "../reports/audit-log/params";
import { profitabilityParams } from "../reports/client-profitability/params";
import { queueDepthParams } from "../reports/queue-depth/report";
import { scorecardParams } from "../reports/tech-scorecard/params";
import { formFields, objectShape } from "./ui";

describe("formFields", () => {
  it.each([
    ["client-profitability", profitabilityParams],
    ["tech-scorecard", scorecardParams],
    ["queue-depth", queueDepthParams],
    ["audit-log", auditParams],
  ] as const)("gives every parameter of %s a control", (_, schema) => {
    const names = Object.keys(objectShape(schema));
    expect(names.length).toBeGreaterThan(0);
    expect(formFields(schema).map((f) => f.name)).toEqual(names);
  });

  it("finds a choice registered before its default (profitability's scope) with its options and description", () => {
    const scope = formFields(profitabilityParams).find((f) => f.name === "scope");
    expect(scope?.meta).toEqual({
      kind: "choice",
      label: "Revenue",
      options: [
        { value: "support", label: "Support products" },
        { value: "all", label: "All products" },
      ],
    });
    expect(scope?.description).toMatch(/^Which invoice lines count as revenue/);
  });
});
