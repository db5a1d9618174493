import { createEmptyDatabase, sqlFile, withClient } from "../../../db/setup";
import type { RtVersion } from "../tables";

/** An empty Request Tracker database of our DDL (sql/rt), 5.0 or 6.0, for tests, the demo on RT and the bench. */
export async function createRtDatabase(adminUrl: string, name: string, version: RtVersion): Promise<string> {
  const url = await createEmptyDatabase(adminUrl, name);
  await loadRtSchema(url, version);
  return url;
}

export async function loadRtSchema(url: string, version: RtVersion): Promise<void> {
  const ddl = (await sqlFile("rt", "rt-5.0.sql")) + (version === "6.0" ? await sqlFile("rt", "rt-6.0.sql") : "");
  await withClient(url, (c) => c.query(ddl));
}
