/**
 * The four measures the team chart draws per tech, each as a multiple of the
 * tech's team median: the old credit, and the substantive work beside it.
 * A plain module, so the server view and the client chart share it.
 */
export const MEASURES = [
  { key: "credit", label: "Credit (old score)", color: "#d1495b" },
  { key: "public_replies", label: "Public replies", color: "#2454d6" },
  { key: "tickets_resolved", label: "Tickets resolved", color: "#2a9d8f" },
  { key: "minutes_logged", label: "Time logged", color: "#6d597a" },
] as const;
export type Measure = (typeof MEASURES)[number]["key"];

/** One tech: each measure over the team median (1 = the median; null when the median is 0), and as shown in the table. */
export interface WorkPoint {
  label: string;
  ratios: Record<Measure, number | null>;
  shown: Record<Measure, string>;
}
