import { groupDecimal } from "../../../ui/format";
import { Scrollable } from "../../../ui/Scrollable";
import styles from "./certificate.module.css";
import type { BillingLine } from "./query";

/**
 * The billing lines of the certificate's order, from the billing database.
 * `withAmounts`: the viewer's role may see money (the run left amounts out otherwise).
 */
export function BillingLines({
  lines,
  productNo,
  withAmounts,
}: {
  lines: BillingLine[];
  productNo: string;
  withAmounts: boolean;
}) {
  if (lines.length === 0) {
    return <p className="muted">No invoice line carries product number {productNo}.</p>;
  }
  // A narrow screen scrolls the table, not the page.
  return (
    <Scrollable label="Billing lines">
      <table className={styles.table}>
        <caption className="muted" style={{ captionSide: "bottom", textAlign: "left" }}>
          Invoice lines with product number {productNo}, oldest invoice first
          {withAmounts ? "; amounts in each invoice's currency" : "; amounts are shown to managers only"}
        </caption>
        <thead>
          <tr>
            <th>Invoice</th>
            <th>Issued</th>
            <th>Invoice status</th>
            <th>Product</th>
            <th>Description</th>
            <th>Service period</th>
            <th className="num">Quantity</th>
            {withAmounts && <th className="num">Amount</th>}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.line_id}>
              <td>{line.invoice_number}</td>
              <td>{line.issued_on}</td>
              <td>{line.invoice_status}</td>
              <td>{line.product}</td>
              <td>{line.description}</td>
              <td>{line.service_from && line.service_to ? `${line.service_from} – ${line.service_to}` : "—"}</td>
              <td className="num">{groupDecimal(line.quantity)}</td>
              {withAmounts && (
                <td className="num">
                  {line.amount === undefined ? "—" : `${groupDecimal(line.amount)} ${line.currency}`}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </Scrollable>
  );
}
