import type { ViewProps } from "../types";
import type { ExpiringParams } from "./params";
import type { ExpiringResultRow } from "./report";

/** The size of the job at a glance: how many certificates, how many customers to call, how many this week. */
export function ExpiringView({ params, rows }: ViewProps<ExpiringParams, ExpiringResultRow>) {
  const customers = new Set(rows.map((r) => r.customer_id)).size;
  const thisWeek = rows.filter((r) => r.days_left < 7).length;
  const renewing = rows.filter((r) => r.renewal_id !== null).length;
  return (
    <div className="tiles">
      <Tile label={`Expiring in ${params.days} days`} value={rows.length} />
      <Tile label="Customers to contact" value={customers} />
      <Tile label="Within 7 days" value={thisWeek} />
      <Tile label="Renewal started" value={renewing} />
    </div>
  );
}

function Tile({ label, value }: { label: string; value: number }) {
  return (
    <div className="tile">
      <div className="tile-label">{label}</div>
      <div className="tile-value">{value.toLocaleString("en-US")}</div>
    </div>
  );
}
