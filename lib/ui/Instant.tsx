"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * An instant shown in the viewer's own time zone. The server does not know
 * that zone, so the first paint says UTC and the browser takes over.
 */
export function Instant({ value }: { value: Date | string | null }) {
  const inBrowser = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  if (value === null) return <>—</>;
  const date = typeof value === "string" ? new Date(value) : value;
  const iso = date.toISOString();
  const text = inBrowser
    ? new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(date)
    : `${iso.slice(0, 16).replace("T", " ")} UTC`;
  return (
    <time dateTime={iso} title={iso}>
      {text}
    </time>
  );
}
