import { Dec, hoursOf, percentOf, perHour, sumOf, toCents } from "../../money";
import type { ProfitabilityRow } from "./row";

export interface ProfitabilityTotals {
  revenue: string;
  laborCost: string;
  margin: string;
  marginPct: string | null;
  hours: string;
  revenuePerHour: string | null;
  clients: number;
  /** Clients whose labor cost exceeds their revenue. */
  losing: number;
  missingRates: number;
}

/** The page's totals: exact sums of the rows' cents and minutes, ratios from those sums. */
export function totalsOf(rows: ProfitabilityRow[]): ProfitabilityTotals {
  const revenue = sumOf(rows.map((r) => r.revenue));
  const laborCost = sumOf(rows.map((r) => r.labor_cost));
  const margin = revenue.minus(laborCost);
  const minutes = rows.reduce((n, r) => n + r.minutes, 0);
  return {
    revenue: toCents(revenue),
    laborCost: toCents(laborCost),
    margin: toCents(margin),
    marginPct: percentOf(margin, revenue),
    hours: hoursOf(minutes),
    revenuePerHour: perHour(revenue, minutes),
    clients: rows.length,
    losing: rows.filter(isLosing).length,
    missingRates: rows.reduce((n, r) => n + r.missing_rates, 0),
  };
}

/** Costs more than it pays: below the break-even line. */
export function isLosing(row: Pick<ProfitabilityRow, "margin">): boolean {
  return new Dec(row.margin).isNegative() && !new Dec(row.margin).isZero();
}
