import pg from "pg";

/** Runs SQL on a test database as its owner, on a connection of its own (outside Lookback's pools). */
export async function queryAt<T extends pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Polls `probe` until it gives a value (background work such as the job engine's), or fails after `ms`. */
export async function until<T>(probe: () => Promise<T | undefined>, ms = 30_000, what = "background work"): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
