"use client";

import { createContext, type ReactNode, useContext } from "react";
import { formatInstant } from "./format";

export { formatInstant };

/**
 * One clock: every instant is shown in the reporting zone (LOOKBACK_TZ), the
 * same on the server and in the browser, so the first paint is the final one
 * (no switch to browser-local time after hydration). The root layout provides
 * the zone; the API keeps answering in UTC.
 */
const ZoneContext = createContext("UTC");

export function ReportingZone({ zone, children }: { zone: string; children: ReactNode }) {
  return <ZoneContext value={zone}>{children}</ZoneContext>;
}

export function useReportingZone(): string {
  return useContext(ZoneContext);
}

/**
 * An instant in the reporting zone. The zone is named after the time unless
 * `bare` is set, for places whose label already names it ("Created (UTC)").
 */
export function Instant({ value, bare = false }: { value: Date | string | null; bare?: boolean }) {
  const zone = useReportingZone();
  if (value === null) return <>—</>;
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return <>{String(value)}</>;
  const iso = date.toISOString();
  return (
    <time dateTime={iso} title={iso}>
      {formatInstant(date, zone)}
      {bare ? "" : ` ${zone}`}
    </time>
  );
}
