import "server-only";
import { config } from "../../db/config";
import { addJob } from "../../jobs/runner";
import { log } from "../../log";
import { processWide } from "../../process-wide";
import { ingestPass, rtVersion } from "./ingest";
import { loadMapping, type RtMapping } from "./mapping";

/** Seconds between two ingest passes while the last one succeeded. */
export const INGEST_EVERY_SECONDS = 5;

const cache = processWide("rt-mapping", () => ({ mapping: undefined as RtMapping | undefined }));

/** The mapping file, read and validated once per process (throws MappingError naming each bad field). */
export function rtMapping(): RtMapping {
  cache.mapping ??= loadMapping(config().LOOKBACK_RT_CONFIG);
  return cache.mapping;
}

/**
 * Stops Lookback at start, with what is wrong, when the helpdesk is Request
 * Tracker and the mapping file or the RT database is not what we read.
 */
export async function checkRtSource(): Promise<void> {
  const c = config();
  if (c.HELPDESK_KIND !== "rt") return;
  rtMapping();
  await rtVersion(c.HELPDESK_DATABASE_URL[0] as string);
}

/**
 * The job `rt-ingest`: one pass, then the next one queued a few seconds on.
 * A failing pass throws: the job engine retries it with its backoff (the
 * failure is on the pages meanwhile), and the per-minute cron item, which
 * also compares one block of ids with RT, starts the chain again.
 */
export async function rtIngestJob(payload: unknown): Promise<void> {
  const c = config();
  if (c.HELPDESK_KIND !== "rt" || !c.LOOKBACK_DATABASE_URL) return;
  const reconcile = (payload as { reconcile?: boolean } | null)?.reconcile === true;
  const result = await ingestPass({
    rtUrl: c.HELPDESK_DATABASE_URL[0] as string,
    storeUrl: c.LOOKBACK_DATABASE_URL,
    mapping: rtMapping(),
    reconcile,
  });
  if (result.rebuilt || result.tickets > 0) log.info({ task: "rt-ingest", ...result }, "Request Tracker copied");
  await queueRtIngest(INGEST_EVERY_SECONDS);
}

/** Queues the next pass (one waiting pass at most: the job key replaces a waiting one). */
export async function queueRtIngest(inSeconds = 0): Promise<void> {
  await addJob(
    "rt-ingest",
    {},
    { runAt: new Date(Date.now() + inSeconds * 1000), jobKey: "rt-ingest", queueName: "rt-ingest" },
  );
}
