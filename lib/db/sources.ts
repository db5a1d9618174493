/** The two databases Lookback reads. Each has its own pool and its own replicas. */
export const SOURCES = ["helpdesk", "billing"] as const;
export type Source = (typeof SOURCES)[number];
