import "server-only";
import { config } from "./config";
import type { Source } from "./sources";

/**
 * How fresh a source's data is. On a hot standby: when the last replayed
 * transaction committed on the primary, and how far behind it is (0 when it
 * has replayed everything it received and is still streaming). On a primary:
 * live. A standby that stopped receiving is never "caught up": a replica stuck
 * for days must show its age, not a reassuring zero.
 */
export interface Freshness {
  source: Source;
  mode: "standby" | "live";
  /** ISO instant the data reflects. */
  dataAsOf: string;
  lagSeconds: number;
  /** Why the data is stale, in plain words (the Request Tracker copy's last failed pass). */
  reason?: string;
  /** Which of a source's several replicas answered ("replica 2 of 3"); absent with one replica. */
  replica?: { number: number; of: number };
}

/** Selected alongside the transaction's settings, so freshness costs no extra round trip. */
export const FRESHNESS_COLUMNS = `
  pg_is_in_recovery() AS standby,
  now() AS now,
  pg_last_xact_replay_timestamp() AS replayed_at,
  (pg_is_in_recovery()
   AND pg_last_wal_receive_lsn() IS NOT NULL
   AND pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
   AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming')) AS caught_up`;

export interface FreshnessRow {
  standby: boolean;
  now: Date;
  replayed_at: Date | null;
  caught_up: boolean;
  reason?: string | null;
}

/**
 * The copy of a Request Tracker database reads like a replica: its data is
 * as of the last transaction ingested, and it is caught up while the
 * ingester's last pass succeeded less than a minute ago (an idle RT stays
 * "0 s behind"); a failing ingester's reason is shown with the lag.
 */
const RT_COPY_FRESHNESS = `
  true AS standby,
  now() AS now,
  (SELECT last_txn_at AT TIME ZONE 'UTC' FROM rt_ingest.state) AS replayed_at,
  coalesce((SELECT passed_at > now() - interval '1 minute' AND failure IS NULL FROM rt_ingest.state), false) AS caught_up,
  (SELECT CASE WHEN failure IS NOT NULL THEN failure
               WHEN passed_at IS NULL THEN 'Request Tracker has not been copied yet'
               WHEN passed_at <= now() - interval '1 minute' THEN 'the Request Tracker ingester has not run for over a minute' END
   FROM rt_ingest.state) AS reason`;

/** The freshness columns for `source`: the replica's own, or the Request Tracker copy's state. */
export function freshnessColumns(source: Source): string {
  return source === "helpdesk" && config().HELPDESK_KIND === "rt" ? RT_COPY_FRESHNESS : FRESHNESS_COLUMNS;
}

export function toFreshness(source: Source, row: FreshnessRow): Freshness {
  if (!row.standby) return { source, mode: "live", dataAsOf: row.now.toISOString(), lagSeconds: 0 };
  const replayedAt = row.replayed_at ?? row.now;
  const lagSeconds = row.caught_up ? 0 : Math.max(0, Math.round((row.now.getTime() - replayedAt.getTime()) / 1000));
  const reason = row.caught_up ? undefined : (row.reason ?? undefined);
  return { source, mode: "standby", dataAsOf: replayedAt.toISOString(), lagSeconds, ...(reason ? { reason } : {}) };
}
