import { useEffect, useRef } from "react";

/**
 * Runs `effect` each time `value` changes, never when the component first
 * appears: the keyboard focus follows what the person did, not the page load.
 */
export function useOnChange<T>(value: T, effect: (value: T) => void): void {
  const latest = useRef(effect);
  latest.current = effect;
  const seen = useRef(value);
  useEffect(() => {
    if (Object.is(seen.current, value)) return;
    seen.current = value;
    latest.current(value);
  }, [value]);
}
