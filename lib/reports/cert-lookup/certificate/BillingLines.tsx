import type { User } from "../../../auth/roles";
import { SourceError } from "../../../db/errors";
import { ErrorPanel } from "../../../ui/ErrorPanel";
import { groupDecimal } from "../../../ui/format";
import styles from "./certificate.module.css";
import { getBillingLines } from "./get-billing-lines";

/** Money is for managers: leads and techs see which invoices, not how much ("no money" for leads). */
export function seesAmounts(user: User): boolean {
  return user.role === "manager";
}

/**
 * The billing lines of the certificate's order, from the billing database.
 * Rendered in its own Suspense boundary: the helpdesk facts show at once, and
 * a billing database that is down costs this section only.
 */
export async function BillingLines({ productNo, user }: { productNo: string; user: User }) {
  const withAmounts = seesAmounts(user);
  let lines: Awaited<ReturnType<typeof getBillingLines>>;
  try {
    lines = await getBillingLines(productNo, { withAmounts });
  } catch (error) {
    if (error instanceof SourceError) return <ErrorPanel kind={error.kind} message={error.message} />;
    throw error;
  }
  if (lines.length === 0) {
    return <p className="muted">No invoice line carries product number {productNo}.</p>;
  }
  return (
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
  );
}
