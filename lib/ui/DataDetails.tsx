"use client";

import { type ReactNode, useEffect, useRef, useState } from "react";

/**
 * A disclosure that draws its contents only once opened: closed, it is one
 * line of the page's HTML, not hundreds of rows (a chart's numbers as a
 * table: profitability's 200 clients were 42 KB, queue depth's 2,028 points
 * far more; a run's SQL; a folded team's comparison). The contents travel in
 * the page's payload once, as props; opening it (click, Enter or Space)
 * draws them. One opened before the page's script has taken over (a slow
 * machine, a quick reader) is drawn as soon as it has: the browser opened it,
 * but its toggle event came before anything listened.
 */
export function DataDetails({
  summary,
  className,
  children,
}: {
  summary: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (details.current?.open) setOpen(true);
  }, []);
  return (
    <details ref={details} className={className} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{summary}</summary>
      {open && children}
    </details>
  );
}
