import "server-only";
import { dueSlots } from "./cron";
import { inTransaction } from "./store";

/**
 * The per-minute pass (job `subscriptions-due`): for every running
 * subscription, the slots its schedule reached since the last pass are
 * recorded, each (subscription, slot) once: the table's primary key, INSERT …
 * ON CONFLICT DO NOTHING. Each slot newly recorded queues one delivery job in
 * the same transaction (graphile_worker.add_job), so a slot is never
 * recorded without its job nor queued twice, whichever servers run the pass
 * and however often. Rows being looked at by another pass are skipped (it
 * will record them). Jobs of one subscription share a queue: its runs happen
 * one after the other, so an alert's state is read and written in order.
 */
export const DELIVERY_ATTEMPTS = 5;

export async function queueDueSlots(now = new Date()): Promise<number> {
  return inTransaction(async (client) => {
    const { rows } = await client.query<{ id: string; schedule: string; timezone: string; checked_until: Date }>(
      `SELECT id::text, schedule, timezone, checked_until FROM subscriptions
       WHERE stopped_reason IS NULL AND checked_until < $1 FOR UPDATE SKIP LOCKED`,
      [now],
    );
    let queued = 0;
    for (const sub of rows) {
      for (const slot of dueSlots(sub.schedule, sub.timezone, sub.checked_until, now)) {
        const inserted = await client.query(
          "INSERT INTO subscription_slots (subscription_id, slot) VALUES ($1, $2) ON CONFLICT DO NOTHING",
          [sub.id, slot],
        );
        if (inserted.rowCount !== 1) continue;
        await client.query(
          `SELECT graphile_worker.add_job('subscription-deliver', json_build_object('id', $1::text, 'slot', $2::text),
             queue_name => $3, max_attempts => $4::smallint)`,
          [sub.id, slot.toISOString(), `subscription:${sub.id}`, DELIVERY_ATTEMPTS],
        );
        queued++;
      }
      await client.query("UPDATE subscriptions SET checked_until = $2 WHERE id = $1", [sub.id, now]);
    }
    return queued;
  });
}
