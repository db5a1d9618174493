import type { CSSProperties, ReactNode } from "react";

/**
 * A region that scrolls on its own (a table wider than a phone, a long list):
 * focusable and named, so a keyboard can scroll it too, as axe asks.
 * `className` says how it scrolls (`table-scroll`: sideways; `table-wrap`: both ways, with a frame).
 */
export function Scrollable({
  label,
  className = "table-scroll",
  style,
  children,
}: {
  label: string;
  className?: string;
  style?: CSSProperties;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard
    <section className={className} style={style} tabIndex={0} aria-label={`${label}, scrollable`}>
      {children}
    </section>
  );
}
