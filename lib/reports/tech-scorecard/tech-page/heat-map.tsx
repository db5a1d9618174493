import type { HeatCell } from "./activity";
import styles from "./tech-page.module.css";

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** Office hours: Monday to Friday, 08:00 to 18:00 (the same rule as the after-hours share). */
const inOfficeHours = (isodow: number, hour: number) => isodow <= 5 && hour >= 8 && hour < 18;

/**
 * Acts by weekday and hour of the day in the office's zone: a grid whose
 * cells darken with the count, blue inside office hours and red outside, so
 * work done at night stands out. Each cell says its count in words.
 */
export function HeatMap({ cells, zone }: { cells: HeatCell[]; zone: string }) {
  const count = new Map(cells.map((c) => [`${c.isodow}:${c.hour}`, c.acts]));
  const max = Math.max(1, ...cells.map((c) => c.acts));
  return (
    <div className={styles.heatWrap}>
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
                  const alpha = n === 0 ? 0 : 0.15 + (0.85 * n) / max;
                  const rgb = office ? "36, 84, 214" : "180, 35, 24";
                  return (
                    <td
                      key={hour}
                      className={office ? styles.office : undefined}
                      style={{
                        background: n ? `rgba(${rgb}, ${alpha.toFixed(2)})` : undefined,
                        color: alpha > 0.55 ? "#fff" : undefined,
                      }}
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
    </div>
  );
}

/** Acts between 22:00 and 06:00 local time, any day. */
export function nightActs(cells: HeatCell[]): number {
  return cells.filter((c) => c.hour >= 22 || c.hour < 6).reduce((sum, c) => sum + c.acts, 0);
}
