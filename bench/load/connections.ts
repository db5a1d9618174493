import pg from "pg";

/**
 * Peak connections the app holds per source during a load run, from
 * pg_stat_activity every 100 ms: every client backend whose application_name
 * starts with `lookback` (idle pooled ones are `lookback`, busy ones
 * `lookback:<report>`). Parallel query workers carry their leader's
 * application_name too, but they are not connections (they do not count
 * against max_connections, nor against the pool): counting them made one
 * parallel scorecard look like three connections.
 */
export interface ConnectionSampler {
  stop(): Promise<Record<string, number>>;
}

export async function sampleConnections(
  adminUrl: string,
  databases: Record<string, string>,
  everyMs = 100,
): Promise<ConnectionSampler> {
  const client = new pg.Client({ connectionString: adminUrl, application_name: "bench-sampler" });
  await client.connect();
  const sourceOf = new Map(Object.entries(databases).map(([source, db]) => [db, source]));
  const peak: Record<string, number> = Object.fromEntries(Object.keys(databases).map((s) => [s, 0]));
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ datname: string; n: number }>(
        `SELECT datname, count(*)::int AS n FROM pg_stat_activity
         WHERE application_name LIKE 'lookback%' AND backend_type = 'client backend' GROUP BY datname`,
      );
      for (const row of rows) {
        const source = sourceOf.get(row.datname);
        if (source) peak[source] = Math.max(peak[source] ?? 0, row.n);
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await client.end();
      return peak;
    },
  };
}

/**
 * Waits until the app runs no statement on the bench databases: queries a
 * previous run left behind (autocannon drops its in-flight requests when it
 * stops, and their cancellation takes a moment) must not bleed into the next.
 */
export async function waitIdle(adminUrl: string, databases: string[], timeoutMs = 60_000): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, application_name: "bench-sampler" });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE application_name LIKE 'lookback%' AND state <> 'idle' AND datname = ANY($1)`,
        [databases],
      );
      if (rows[0]?.n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`the app still ran statements ${timeoutMs / 1000} s after the previous run`);
  } finally {
    await client.end();
  }
}

/** Transactions committed or rolled back so far in each database: their difference over a run is the runs the app made. */
export async function transactionCounts(adminUrl: string, databases: Record<string, string>) {
  const client = new pg.Client({ connectionString: adminUrl, application_name: "bench-sampler" });
  await client.connect();
  try {
    // Statistics reach pg_stat_database up to a second after a transaction ends.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const { rows } = await client.query<{ datname: string; n: string }>(
      "SELECT datname, (xact_commit + xact_rollback)::text AS n FROM pg_stat_database WHERE datname = ANY($1)",
      [Object.values(databases)],
    );
    const counts: Record<string, number> = {};
    for (const [source, db] of Object.entries(databases)) {
      counts[source] = Number(rows.find((r) => r.datname === db)?.n ?? 0);
    }
    return counts;
  } finally {
    await client.end();
  }
}
