import { centsOf, Dec, exactSum, fromCents, hoursOf, percentOf, perHour } from "../../money";
import type { ProfitabilityRow } from "./row";

/** The money of a client or of every client, as strings of the exact amounts (the tiles show it: MoneyTiles). */
export interface Money {
  revenue: string;
  laborCost: string;
  margin: string;
  marginPct: string | null;
  hours: string;
  revenuePerHour: string | null;
}

export interface ProfitabilityTotals extends Money {
  clients: number;
  /** Clients whose labor cost exceeds their revenue. */
  losing: number;
  missingRates: number;
}

/** The page's totals: exact sums of the rows' cents and minutes, ratios from those sums by the rows' rules. */
export function totalsOf(rows: ProfitabilityRow[]): ProfitabilityTotals {
  const sum = (cents: (row: ProfitabilityRow) => number) => rows.reduce((n, r) => exactSum(n, cents(r)), 0);
  const revenue = sum((r) => centsOf(r.revenue));
  const laborCost = sum((r) => centsOf(r.labor_cost));
  const margin = exactSum(revenue, -laborCost);
  const minutes = sum((r) => r.minutes);
  return {
    revenue: fromCents(revenue),
    laborCost: fromCents(laborCost),
    margin: fromCents(margin),
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
