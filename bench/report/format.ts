/** How figures print in the Markdown table: "—" for what was not measured. */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return "—";
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export function fmtRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(ratio >= 10 ? 0 : 1)}×` : "—";
}

export function fmtCount(n: number): string {
  if (!Number.isFinite(n)) return "—";
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)}M`;
  if (n >= 1e4) return `${Math.round(n / 1e3)}k`;
  return n.toLocaleString("en");
}

export const fmtShare = (share: number) => (Number.isFinite(share) ? `${Math.round(share * 100)} %` : "—");

export const fmtMet = (met: boolean | null) => (met === null ? "not measured" : met ? "met" : "**missed**");
