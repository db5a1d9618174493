/**
 * Settings for the big labor aggregation, local to the report's own
 * read-only transactions (Report.settings: SET LOCAL, sent with BEGIN, allowed
 * on a hot standby): enough work_mem to group a year of entries per ticket in
 * memory rather than by an on-disk sort. (JIT is off for every report.)
 */
export const LABOR_SETTINGS = { work_mem: "64MB" } as const;
