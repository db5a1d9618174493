import "server-only";
import type { User } from "../../../auth/roles";
import type { RawParams } from "../../../params/parse";
import { ErrorPanel } from "../../../ui/ErrorPanel";
import { SqlView } from "../../../ui/SqlView";
import { runForPage } from "../../page-run";
import { BillingLines } from "./BillingLines";
import { type CertificateRow, MONEY_ROLES } from "./query";
import { certificateBillingReport, certificateHistoryReport } from "./report";
import { TicketSection } from "./TicketSection";

/**
 * The certificate page's streamed parts: async server components, each
 * running its own sub-report (report.ts) behind its own <Suspense>.
 * `input` is the page's path parameter (the tracking number).
 */
export interface CertPanelProps {
  input: RawParams;
  user: User;
  cert: CertificateRow;
  /** The reporting zone (LOOKBACK_TZ): the ticket links to the tickets created that day there. */
  timeZone: string;
}

/** The ticket the certificate came in on, with its status history. */
export async function TicketPanel({ input, user, cert, timeZone }: CertPanelProps) {
  if (
    cert.ticket_id === null ||
    cert.ticket_subject === null ||
    cert.ticket_status === null ||
    !cert.ticket_created_at
  ) {
    return <TicketSection ticket={null} timeZone={timeZone} />;
  }
  const result = await runForPage(certificateHistoryReport, input, user);
  if (result.kind === "failed") return <ErrorPanel kind={result.error.kind} message={result.error.message} />;
  if (result.kind === "invalid") return <ErrorPanel kind="invalid_params" message="Bad tracking number" />;
  const ticket = {
    id: cert.ticket_id,
    subject: cert.ticket_subject,
    status: cert.ticket_status,
    created_at: cert.ticket_created_at,
    history: result.run.rows,
  };
  return (
    <>
      <TicketSection ticket={ticket} timeZone={timeZone} />
      <SqlView queries={result.run.queries} />
    </>
  );
}

/** The invoice lines of the certificate's order, from the billing database: a billing database that is down costs this part only. */
export async function BillingPanel({ input, user, cert }: CertPanelProps) {
  const result = await runForPage(certificateBillingReport, input, user);
  if (result.kind === "failed") return <ErrorPanel kind={result.error.kind} message={result.error.message} />;
  if (result.kind === "invalid") return <ErrorPanel kind="invalid_params" message="Bad tracking number" />;
  return (
    <>
      <BillingLines lines={result.run.rows} productNo={cert.product_no} withAmounts={MONEY_ROLES.includes(user.role)} />
      <SqlView queries={result.run.queries} />
    </>
  );
}
