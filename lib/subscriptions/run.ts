import "server-only";
import { audit } from "../audit/log";
import type { User } from "../auth/roles";
import { config } from "../db/config";
import { SourceError } from "../db/errors";
import { errorMessage, log } from "../log";
import { runCached } from "../reports/cache";
import { Refusal } from "../reports/refusal";
import { prepare } from "../reports/request";
import { hiddenKeys, parseTableState } from "../reports/table-state";
import { viewOf } from "../reports/table-view";
import { type Column, forViewer, type Row } from "../reports/types";
import { toTableColumn } from "../ui/table-model";
import { evaluate, type Verdict } from "./condition";
import { DeliveryError, postWebhook, sendMail } from "./deliver";
import { composeMessage } from "./message";
import { ownerNow } from "./owner";
import { subscriptionStore } from "./store";
import { loadSubscription, type RunRecord, type SubscriptionRow } from "./subscriptions";
import { parseViewUrl } from "./view-url";

/**
 * One run of a subscription, scheduled (a slot) or asked for ("send now"):
 * who the owner is now, the view through the same path a page takes
 * (prepare, then runCached, audited `via: subscription`), the alert's
 * condition, the delivery, and a line in subscription_runs saying what
 * happened in plain words.
 *
 * An owner who lost the right to the report (removed, demoted) stops the
 * subscription, with the reason kept for its page. An alert sends when its
 * condition becomes true and once when it clears, not at every run: the
 * state of the last delivered run is kept. A scheduled run that failed for a
 * reason that may pass (a source down, the mail server refusing) throws
 * after recording the failure, so the job engine tries again with backoff;
 * a slot already delivered is never delivered again.
 */
export interface RunOutcome {
  delivered: boolean;
  rows: number;
  error?: string;
}

export interface RunSubscriptionOptions {
  /** The scheduled instant this run is for; absent for "send now". */
  slot?: Date;
  now?: Date;
  /** Who pressed "send now" (the owner, or a manager): the run is the owner's, the audit line says who asked. */
  askedBy?: User;
}

export async function runSubscription(id: string, options: RunSubscriptionOptions = {}): Promise<RunOutcome> {
  const sub = await loadSubscription(id);
  if (!sub) return { delivered: false, rows: 0, error: "There is no such subscription (it was deleted)." };
  const slot = options.slot;
  const now = options.now ?? new Date();
  const askedBy = options.askedBy?.login;
  const stop = (reason: string, report?: string, owner?: User) =>
    stopped(sub, slot, reason, { report, role: owner?.role, askedBy });
  if (sub.stopped_reason) return { delivered: false, rows: 0, error: `Stopped: ${sub.stopped_reason}` };
  if (slot && (await slotDone(id, slot))) return { delivered: false, rows: 0, error: "This slot was already run." };

  const view = parseViewUrl(sub.url);
  if (!view.ok) return stop(`its view ${view.message}.`);
  // A users file that cannot be read or a helpdesk that is down says nothing about the owner: try again later.
  const owner = await ownerNow(sub).catch((error: unknown) => ({ ok: "unknown" as const, error }));
  if (owner.ok === "unknown") {
    log.warn({ subscription: id, err: errorMessage(owner.error) }, "subscription owner lookup failed");
    return failed(
      id,
      slot,
      null,
      `Lookback could not check who ${sub.owner} is right now: ${errorMessage(owner.error)}`,
    );
  }
  if (!owner.ok) return stop(owner.reason, view.view.report.id);
  const user = owner.user;
  const prepared = prepare(view.view.report.id, view.view.raw, user, now);
  if (prepared.kind === "not_found") return stop(`its report no longer exists.`);
  if (prepared.kind === "forbidden") {
    return stop(
      `${user.login} is now a ${user.role}, and the ${prepared.report.title} report is not available to that role.`,
      prepared.report.id,
      user,
    );
  }
  if (prepared.kind === "invalid") {
    const said = prepared.issues.map((i) => `${i.param} ${i.message}`).join("; ");
    const line = { report: prepared.report.id, role: user.role, askedBy };
    return invalid(sub, slot, `The saved view's parameters are not valid any more: ${said}.`, line);
  }

  // The view is its table too: its filters and sort choose and order the rows sent, its hidden columns are not
  // sent, as on the page it links to. Columns limited to other roles are not the owner's to receive.
  const report = forViewer(prepared.report, user);
  const table = parseTableState(
    view.view.raw,
    report.columns.map((c) => c.key),
  );
  if (table.issues.length > 0) {
    const said = `The saved view's table is not valid any more: ${table.issues.map((i) => `${i.param} ${i.message}`).join("; ")}.`;
    return invalid(sub, slot, said, { report: report.id, role: user.role, askedBy });
  }
  const hidden = new Set(hiddenKeys(table.state, report.columns));
  const columns: Column[] = report.columns.filter((c) => !hidden.has(c.key));

  let rows: Row[];
  let truncated: boolean;
  try {
    const run = await runCached(prepared.report, prepared.params, prepared.canonical, {
      user,
      via: "subscription",
      now,
      askedBy,
    });
    rows = viewOf(
      run.rows,
      report.columns.map(toTableColumn),
      {
        ...table.state,
        page: 1,
        pageSize: Number.MAX_SAFE_INTEGER,
      },
      config().LOOKBACK_TZ,
    ).matching;
    truncated = run.truncated;
  } catch (error) {
    // The data refused the view (a customer, tech or queue it names is gone; a tech the owner may no longer
    // see): trying again will not help. Recorded once, as a view whose parameters became invalid is.
    if (error instanceof Refusal) {
      if (error.kind === "forbidden") return stop(error.message, report.id, user);
      // (runCached wrote the run's audit line.)
      const said = `The saved view's parameters are not valid any more: ${error.message}`;
      await record(id, slot, null, "failed", said);
      return { delivered: false, rows: 0, error: said };
    }
    const said =
      error instanceof SourceError ? error.message : "The report failed unexpectedly; the server log has the details.";
    if (!(error instanceof SourceError))
      log.error({ subscription: id, err: errorMessage(error) }, "subscription run failed");
    return failed(id, slot, null, said);
  }

  let verdict: Verdict | undefined;
  if (sub.condition) {
    verdict = evaluate(sub.condition, report, rows);
    // Scheduled alerts speak only on a change; "send now" always sends the current state.
    if (slot && verdict.met === (sub.alert_state ?? false)) {
      await record(id, slot, rows.length, "quiet", null);
      return { delivered: false, rows: rows.length };
    }
  }

  const message = composeMessage({
    name: sub.name,
    report,
    columns,
    rows,
    truncated,
    link: `${config().LOOKBACK_PUBLIC_URL}${sub.url}`,
    ranAt: now,
    alert: verdict,
  });
  try {
    if (sub.webhook) await postWebhook(sub.webhook, message);
    else await sendMail(sub.email ?? [], message, sub.allow_other_domains);
  } catch (error) {
    const said = error instanceof DeliveryError ? error.message : "The delivery failed unexpectedly.";
    if (!(error instanceof DeliveryError)) log.error({ subscription: id, err: errorMessage(error) }, "delivery failed");
    return failed(id, slot, rows.length, said);
  }
  const pool = await subscriptionStore();
  if (verdict) await pool.query("UPDATE subscriptions SET alert_state = $2 WHERE id = $1", [id, verdict.met]);
  await record(id, slot, rows.length, "delivered", null);
  return { delivered: true, rows: rows.length };
}

/** A run its view no longer allows (bad parameters, a table naming no column): recorded once, and audited (nothing ran). */
async function invalid(
  sub: SubscriptionRow,
  slot: Date | undefined,
  said: string,
  line: { report: string; role: User["role"]; askedBy?: string },
): Promise<RunOutcome> {
  await record(sub.id, slot, null, "failed", said);
  audit({ event: "run", login: sub.owner, ...line, via: "subscription", outcome: "invalid" });
  return { delivered: false, rows: 0, error: said };
}

/** A run that failed: recorded; a scheduled one throws so that the job engine retries it. */
async function failed(id: string, slot: Date | undefined, rows: number | null, said: string): Promise<RunOutcome> {
  await record(id, slot, rows, "failed", said);
  if (slot) throw new DeliveryError(said);
  return { delivered: false, rows: rows ?? 0, error: said };
}

/** Stops the subscription for `reason`: recorded for its page, and audited as a refused run of its owner (`role` when known). */
async function stopped(
  sub: SubscriptionRow,
  slot: Date | undefined,
  reason: string,
  line: { report?: string; role?: User["role"]; askedBy?: string },
): Promise<RunOutcome> {
  const pool = await subscriptionStore();
  await pool.query("UPDATE subscriptions SET stopped_reason = $2 WHERE id = $1", [sub.id, reason]);
  await record(sub.id, slot, null, "stopped", reason);
  audit({ event: "run", login: sub.owner, ...line, via: "subscription", outcome: "forbidden" });
  return { delivered: false, rows: 0, error: `Stopped: ${reason}` };
}

async function slotDone(id: string, slot: Date): Promise<boolean> {
  const pool = await subscriptionStore();
  const { rowCount } = await pool.query(
    "SELECT 1 FROM subscription_runs WHERE subscription_id = $1 AND slot = $2 AND outcome <> 'failed'",
    [id, slot],
  );
  return (rowCount ?? 0) > 0;
}

async function record(
  id: string,
  slot: Date | undefined,
  rows: number | null,
  outcome: RunRecord["outcome"],
  error: string | null,
): Promise<void> {
  const pool = await subscriptionStore();
  await pool.query(
    "INSERT INTO subscription_runs (subscription_id, slot, row_count, outcome, error) VALUES ($1, $2, $3, $4, $5)",
    [id, slot ?? null, rows, outcome, error],
  );
}
