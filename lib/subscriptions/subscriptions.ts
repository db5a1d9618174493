import "server-only";
import type { User } from "../auth/roles";
import type { Condition } from "./condition";
import { nextSlot } from "./cron";
import { redactWebhook } from "./safety";
import { subscriptionStore } from "./store";

/** A subscription as the API and its page show it: the webhook redacted (its path is a secret). */
export interface Subscription {
  id: string;
  name: string;
  owner: string;
  url: string;
  schedule: string;
  timezone: string;
  email: string[] | null;
  webhook: string | null;
  when: Condition | null;
  /** The alert's condition held at its last delivered run (null before the first). */
  alerting: boolean | null;
  stopped: string | null;
  next: string | null;
  createdAt: string;
}

export interface SubscriptionRow {
  id: string;
  name: string;
  owner: string;
  owner_demo_role: string | null;
  owner_groups: string[];
  url: string;
  schedule: string;
  timezone: string;
  email: string[] | null;
  allow_other_domains: boolean;
  webhook: string | null;
  condition: Condition | null;
  alert_state: boolean | null;
  stopped_reason: string | null;
  checked_until: Date;
  created_at: Date;
}

export interface RunRecord {
  at: string;
  slot: string | null;
  rows: number | null;
  outcome: "delivered" | "quiet" | "failed" | "stopped";
  error: string | null;
}

const COLUMNS = `id::text, name, owner, owner_demo_role, owner_groups, url, schedule, timezone, email, allow_other_domains,
  webhook, condition, alert_state, stopped_reason, checked_until, created_at`;

export function shown(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    name: row.name,
    owner: row.owner,
    url: row.url,
    schedule: row.schedule,
    timezone: row.timezone,
    email: row.email,
    webhook: row.webhook === null ? null : redactWebhook(row.webhook),
    when: row.condition,
    alerting: row.alert_state,
    stopped: row.stopped_reason,
    next: row.stopped_reason ? null : (nextSlot(row.schedule, row.timezone)?.toISOString() ?? null),
    createdAt: row.created_at.toISOString(),
  };
}

export async function loadSubscription(id: string): Promise<SubscriptionRow | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  const pool = await subscriptionStore();
  const { rows } = await pool.query<SubscriptionRow>(`SELECT ${COLUMNS} FROM subscriptions WHERE id = $1`, [id]);
  return rows[0];
}

/** A user's own subscriptions; a manager sees everyone's (they may need to stop one). */
export async function listSubscriptions(user: User): Promise<Subscription[]> {
  const pool = await subscriptionStore();
  const { rows } = await pool.query<SubscriptionRow>(
    `SELECT ${COLUMNS} FROM subscriptions WHERE $2 OR lower(owner) = lower($1) ORDER BY lower(name), id`,
    [user.login, user.role === "manager"],
  );
  return rows.map(shown);
}

/** One subscription, if the user may see it (their own, or any for a manager). */
export async function subscriptionFor(id: string, user: User): Promise<SubscriptionRow | undefined> {
  const row = await loadSubscription(id);
  if (!row) return undefined;
  return user.role === "manager" || row.owner.toLowerCase() === user.login.toLowerCase() ? row : undefined;
}

export interface NewSubscription {
  name: string;
  url: string;
  schedule: string;
  timezone: string;
  email: string[] | null;
  /** A manager let mail go outside LOOKBACK_MAIL_DOMAINS. */
  allowOtherDomains: boolean;
  webhook: string | null;
  when: Condition | null;
}

export async function createSubscription(
  input: NewSubscription,
  owner: { login: string; demoRole: string | null; groups: string[] },
  now = new Date(),
): Promise<SubscriptionRow> {
  const pool = await subscriptionStore();
  const { rows } = await pool.query<SubscriptionRow>(
    `INSERT INTO subscriptions (name, owner, owner_demo_role, owner_groups, url, schedule, timezone, email,
       allow_other_domains, webhook, condition, checked_until)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${COLUMNS}`,
    [
      input.name,
      owner.login,
      owner.demoRole,
      owner.groups,
      input.url,
      input.schedule,
      input.timezone,
      input.email,
      input.allowOtherDomains,
      input.webhook,
      input.when === null ? null : JSON.stringify(input.when),
      now,
    ],
  );
  return rows[0] as SubscriptionRow;
}

export async function deleteSubscription(id: string): Promise<void> {
  const pool = await subscriptionStore();
  await pool.query("DELETE FROM subscriptions WHERE id = $1", [id]);
}

/** The last runs of a subscription, newest first. */
export async function recentRuns(id: string, limit = 20): Promise<RunRecord[]> {
  const pool = await subscriptionStore();
  const { rows } = await pool.query<{
    at: Date;
    slot: Date | null;
    row_count: number | null;
    outcome: RunRecord["outcome"];
    error: string | null;
  }>(
    "SELECT at, slot, row_count, outcome, error FROM subscription_runs WHERE subscription_id = $1 ORDER BY at DESC, id DESC LIMIT $2",
    [id, limit],
  );
  return rows.map((r) => ({
    at: r.at.toISOString(),
    slot: r.slot?.toISOString() ?? null,
    rows: r.row_count,
    outcome: r.outcome,
    error: r.error,
  }));
}
