"use client";

import { useEffect, useRef } from "react";
import { PERIOD_WAS } from "../params/presets";

interface Props {
  /** Each preset's label and its dates today (resolved on the server, in the reporting zone). */
  presets: { value: string; label: string; from: string; to: string }[];
  selected: string;
  /** The dates the form shows, recorded beside the select so the server knows which of the two was changed. */
  shown: { from: string; to: string };
  describedBy?: string;
}

/**
 * The Period select, kept honest in the browser: choosing a preset writes
 * its dates into From and To, and typing other dates switches it to
 * "Custom dates", so what is sent always agrees with what is shown. Without
 * JavaScript (or before it loads) the server decides from what the form
 * showed which of the two the person changed (choosePeriod).
 */
export function PeriodSelect({ presets, selected, shown, describedBy }: Props) {
  const ref = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    const select = ref.current;
    const form = select?.form;
    if (!select || !form) return;
    const input = (name: string) => form.elements.namedItem(name) as HTMLInputElement | null;
    const onPreset = () => {
      const p = presets.find((x) => x.value === select.value);
      const from = input("from");
      const to = input("to");
      if (p && from && to) {
        from.value = p.from;
        to.value = p.to;
      }
    };
    const onDate = (event: Event) => {
      const name = (event.target as HTMLInputElement | null)?.name;
      if (name !== "from" && name !== "to") return;
      const p = presets.find((x) => x.value === select.value);
      if (p && (input("from")?.value !== p.from || input("to")?.value !== p.to)) select.value = "";
    };
    select.addEventListener("change", onPreset);
    form.addEventListener("input", onDate);
    form.addEventListener("change", onDate);
    return () => {
      select.removeEventListener("change", onPreset);
      form.removeEventListener("input", onDate);
      form.removeEventListener("change", onDate);
    };
  }, [presets]);
  return (
    <>
      <input type="hidden" name={PERIOD_WAS} value={`${selected},${shown.from},${shown.to}`} />
      <select ref={ref} id="param-preset" name="preset" defaultValue={selected} aria-describedby={describedBy}>
        <option value="">Custom dates</option>
        {presets.map((p) => (
          <option key={p.value} value={p.value}>
            {p.label}
          </option>
        ))}
      </select>
    </>
  );
}
