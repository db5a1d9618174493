import type { ParamIssue } from "@/lib/params/parse";
import { ErrorPanel } from "@/lib/ui/ErrorPanel";

/** A part of /queues whose parameters the engine refused (an unknown queue, say): named, with what is wrong. */
export function Invalid({ issues }: { issues: readonly ParamIssue[] }) {
  return (
    <ErrorPanel
      kind="invalid_params"
      message={issues.map((i) => `${i.param} ${i.message}`).join("; ") || "Bad parameters"}
    />
  );
}
