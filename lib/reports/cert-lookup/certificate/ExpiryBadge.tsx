import { daysLeft, expiryClass } from "../../../ui/certificate-expiry";
import styles from "./certificate.module.css";

/** Days left as words, red once expired and amber within 30 days, as in the lookup's table. */
export function ExpiryBadge({ notAfter, now }: { notAfter: Date | null; now: Date }) {
  const days = daysLeft(notAfter, now);
  if (days === null) return <span className="muted">no expiry yet</span>;
  const tone = expiryClass(days);
  const text =
    days < 0 ? `expired ${-days} day${days === -1 ? "" : "s"} ago` : `${days} day${days === 1 ? "" : "s"} left`;
  if (tone === "cell-bad") return <span className="flag">{text}</span>;
  if (tone === "cell-warn") return <span className={styles.amber}>{text}</span>;
  return <span className="muted">{text}</span>;
}
