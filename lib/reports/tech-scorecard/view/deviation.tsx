import type { Deviation } from "../comparison";
import styles from "./view.module.css";

/** The class of a cell far from its team median: amber at least double, blue at most half (DeviationLegend says so). */
export function deviationClass(dev: Deviation): string {
  return (dev === "above" ? styles.above : dev === "below" ? styles.below : "") ?? "";
}

/** What the two colours of deviationClass mean, for every table that uses them. */
export function DeviationLegend({ flag = false }: { flag?: boolean }) {
  return (
    <p className={styles.legend}>
      <span>
        <span className={`${styles.swatch} ${styles.above}`} />
        at least double the team median
      </span>
      <span>
        <span className={`${styles.swatch} ${styles.below}`} />
        at most half the team median
      </span>
      {flag && <span className="flag">Bare notes ≥ 25% of credit</span>}
    </p>
  );
}
