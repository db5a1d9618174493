import type { ViewProps } from "../types";
import { formatClientKey } from "./client-key";
import { clientName } from "./merge";
import type { ProfitabilityParams } from "./params";
import type { ProfitabilityRow } from "./row";
import { type ClientPoint, ProfitabilityScatter } from "./scatter-chart";
import { MissingRatesWarning, MoneyTiles, Tile } from "./tiles";
import { isLosing, type ProfitabilityTotals as Totals, totalsOf } from "./totals";

/**
 * Marks a scatter can tell apart: the lowest margins (the clients the chart
 * names) and the largest clients by revenue or cost, which give the cloud its
 * shape; the rest sit in the crowd near the origin. Every client would send
 * 10,000 marks to the browser at scale 36 (1.9 MB of the page); the table
 * under the chart has them all.
 */
const PLOTTED_WORST = 50;
const PLOTTED_LARGEST = 150;

/** The rows the chart plots, in the result's order (worst margin first). */
export function plottedRows(rows: readonly ProfitabilityRow[]): readonly ProfitabilityRow[] {
  if (rows.length <= PLOTTED_WORST + PLOTTED_LARGEST) return rows;
  // Sizes place marks only: no money is computed from these numbers.
  const size = (r: ProfitabilityRow) => Math.max(Math.abs(Number(r.revenue)), Math.abs(Number(r.labor_cost)));
  const largest = rows
    .slice(PLOTTED_WORST)
    .map((row, i) => ({ row, i, size: size(row) }))
    .sort((a, b) => b.size - a.size || a.i - b.i)
    .slice(0, PLOTTED_LARGEST)
    .sort((a, b) => a.i - b.i);
  return [...rows.slice(0, PLOTTED_WORST), ...largest.map((x) => x.row)];
}

/** Above the table: totals, the entries-without-rate warning, and who pays against who costs. */
export function ProfitabilityView({ params, rows, truncated }: ViewProps<ProfitabilityParams, ProfitabilityRow>) {
  const points: ClientPoint[] = plottedRows(rows).map((row) => ({
    name: clientName(row),
    client: formatClientKey(
      row.account_no !== null
        ? { kind: "account", accountNo: row.account_no }
        : { kind: "customer", customerId: row.customer_id ?? 0 },
    ),
    laborCost: row.labor_cost,
    revenue: row.revenue,
    losing: isLosing(row),
  }));
  const totals = totalsOf(rows);
  return (
    <section aria-label="Totals and chart">
      <ProfitabilityTotals totals={totals} truncated={truncated} />
      {rows.length > 0 && (
        <ProfitabilityScatter points={points} range={params} clients={totals.clients} losing={totals.losing} />
      )}
    </section>
  );
}

/** The tiles: totals of the rows (totalsOf), and what they leave out. */
export function ProfitabilityTotals({ totals, truncated }: { totals: Totals; truncated: boolean }) {
  return (
    <>
      <MoneyTiles money={totals}>
        <Tile
          label="Costing more than they pay"
          value={`${totals.losing.toLocaleString("en-US")} of ${totals.clients.toLocaleString("en-US")}`}
        />
      </MoneyTiles>
      {truncated && (
        <p className="warn" role="status">
          These totals are of the {totals.clients.toLocaleString("en-US")} clients with the lowest margins, not of every
          client: there are more than the page holds. The CSV export of all rows has every client.
        </p>
      )}
      <MissingRatesWarning count={totals.missingRates} />
    </>
  );
}
