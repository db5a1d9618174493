import { inOfficeHours } from "../../../sql/helpdesk/office-week";
import { Scrollable } from "../../../ui/Scrollable";
import type { HeatCell } from "./query";
import styles from "./tech-page.module.css";

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const HOURS = Array.from({ length: 24 }, (_, h) => h);

/**
 * Acts by weekday and hour of the day in the office's zone: a grid whose
 * cells darken with the count, blue inside office hours and red outside, so
 * work done at night stands out. Each cell says its count in words.
 */
export function HeatMap({ cells, zone }: { cells: HeatCell[]; zone: string }) {
  const count = new Map(cells.map((c) => [`${c.isodow}:${c.hour}`, c.acts]));
  const max = Math.max(1, ...cells.map((c) => c.acts));
  return (
    // Scrolls sideways on a narrow screen.
    <Scrollable label={`Activity by hour (${zone})`} className={styles.heatWrap}>
      <table className={styles.heat} aria-label={`Activity by hour of day and day of week (${zone})`}>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {HOURS.map((h) => (
              <th key={h} scope="col">
                {String(h).padStart(2, "0")}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {DAYS.map((day, i) => {
            const isodow = i + 1;
            return (
              <tr key={day}>
                <th scope="row">{day}</th>
                {HOURS.map((hour) => {
                  const n = count.get(`${isodow}:${hour}`) ?? 0;
                  const office = inOfficeHours(isodow, hour);
                  const shade = n === 0 ? undefined : cellShade(office ? OFFICE : AFTER_HOURS, 0.15 + (0.85 * n) / max);
                  return (
                    <td
                      key={hour}
                      className={office ? styles.office : undefined}
                      style={shade && { background: shade.background, color: shade.color }}
                      title={`${day} ${String(hour).padStart(2, "0")}:00–${String(hour + 1).padStart(2, "0")}:00: ${n} ${n === 1 ? "act" : "acts"}${office ? "" : " (after hours)"}`}
                      data-isodow={isodow}
                      data-hour={hour}
                      data-acts={n}
                    >
                      {n > 0 ? n : ""}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted">
        Outlined: office hours (Mon–Fri 08:00–18:00). Blue: acts in office hours; red: after hours.
      </p>
    </Scrollable>
  );
}

export type Rgb = readonly [number, number, number];
export const OFFICE: Rgb = [36, 84, 214];
export const AFTER_HOURS: Rgb = [180, 35, 24];
const WHITE: Rgb = [255, 255, 255];
// Black, not a softer ink: with any lighter dark, a mid shade falls below 4.5:1 against both inks.
const INK: Rgb = [0, 0, 0];

/**
 * A cell's colour at `alpha` over the white panel, made opaque, and the text
 * colour (white or black) that contrasts most with it: one of the two is
 * always at least 4.5:1 (WCAG AA for text), whatever the shade (the worst
 * shade, where both are equal, gives 4.58:1).
 */
export function cellShade(rgb: Rgb, alpha: number): { background: string; color: string } {
  const mixed = rgb.map((c, i) => Math.round(c * alpha + (WHITE[i] as number) * (1 - alpha))) as unknown as Rgb;
  const color = contrast(mixed, WHITE) >= contrast(mixed, INK) ? WHITE : INK;
  return { background: `rgb(${mixed.join(", ")})`, color: `rgb(${color.join(", ")})` };
}

/** WCAG 2 contrast ratio of two colours. */
export function contrast(a: Rgb, b: Rgb): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Acts between 22:00 and 06:00 local time, any day. */
export function nightActs(cells: HeatCell[]): number {
  return cells.filter((c) => c.hour >= 22 || c.hour < 6).reduce((sum, c) => sum + c.acts, 0);
}
