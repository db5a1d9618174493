import { z } from "zod";
import type { Outcome } from "../../audit/entry";
import { checkRange, dateRange } from "../../params/fields";
import { paramUi } from "../../params/ui";

/** An optional free-text filter: the shared `text` kind is always required, so these are built here. */
const optionalText = (label: string, description: string, placeholder: string) =>
  z
    .string()
    .trim()
    .max(200, { error: "must be at most 200 characters" })
    .optional()
    .transform((value) => (value === "" ? undefined : value))
    .describe(description)
    .register(paramUi, { kind: "text", label, placeholder, maxLength: 200 });

export const OUTCOMES = [
  "ok",
  "invalid",
  "forbidden",
  "not_found",
  "refused",
  "timeout",
  "source_down",
  "busy",
  "replication_conflict",
  "cancelled",
  "read_only",
  "query_failed",
  "error",
] as const satisfies readonly Outcome[];

const outcome = z
  .enum(OUTCOMES, { error: `must be one of: ${OUTCOMES.join(", ")}` })
  .optional()
  .describe("Only lines with this outcome; any outcome when absent")
  .register(paramUi, {
    kind: "choice",
    label: "Outcome",
    options: [{ value: "", label: "Any outcome" }, ...OUTCOMES.map((o) => ({ value: o, label: o.replace("_", " ") }))],
  });

export const auditParams = z
  .object({
    ...dateRange("last-7-days"),
    user: optionalText("User", "Only what this login did (any case)", "login"),
    report: optionalText(
      "Report or person",
      "Only runs of this report id, or views of this person's page",
      "report id or login",
    ),
    outcome,
  })
  .superRefine(checkRange);

export type AuditParams = z.output<typeof auditParams>;
