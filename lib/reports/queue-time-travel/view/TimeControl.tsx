"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useRef, useState } from "react";

/**
 * The instant picker: a date and time in the viewer's own zone, sent to the
 * server as a UTC instant. Before JavaScript loads it is a plain GET form
 * whose value the server reads in the reporting zone (`serverZone`), which is
 * also the zone the server filled it in with.
 */
export function TimeControl({
  action,
  at,
  serverValue,
  serverZone,
  hidden,
}: {
  action: string;
  /** T as a UTC ISO string. */
  at: string;
  /** T as 'YYYY-MM-DDTHH:mm:ss' in `serverZone`, for the first paint. */
  serverValue: string;
  serverZone: string;
  /** The other parameters of the URL, kept as they are. */
  hidden: [string, string][];
}) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [zone, setZone] = useState(serverZone);
  useEffect(() => {
    // From here on the picker speaks the viewer's zone.
    if (input.current) input.current.value = localValue(new Date(at));
    setZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  }, [at]);

  function submit(event: FormEvent<HTMLFormElement>) {
    const value = input.current?.value;
    if (!value) return;
    event.preventDefault();
    // A datetime-local value has no offset: the browser reads it in the viewer's zone.
    const chosen = new Date(value);
    if (Number.isNaN(chosen.getTime())) return;
    const search = new URLSearchParams(hidden);
    search.set("at", chosen.toISOString());
    router.push(`${action}?${search}`);
  }

  return (
    <form method="get" action={action} onSubmit={submit} className="toolbar" aria-label="Choose the instant">
      {hidden.map(([name, value]) => (
        <input key={`${name}=${value}`} type="hidden" name={name} value={value} />
      ))}
      <label htmlFor="queue-view-at">Queues at ({zone})</label>
      <input
        ref={input}
        id="queue-view-at"
        name="at"
        type="datetime-local"
        step={1}
        defaultValue={serverValue}
        required
      />
      <button type="submit">Show</button>
    </form>
  );
}

/** 'YYYY-MM-DDTHH:mm:ss' in the browser's zone. */
function localValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}
