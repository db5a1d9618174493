import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { resetConfig } from "../db/config";
import { closePools } from "../db/pool";
import { createEmptyDatabase, createSourceDatabase, dropDatabase, withClient } from "../db/setup";
import type { Source } from "../db/sources";
import { historyBuildInFlight } from "../history/sync";

/**
 * Throw-away source databases for one test file, on the real test server,
 * loaded with a hand-made fixture. `use()` points Lookback's data layer at
 * them through the same environment variables production uses.
 */
export interface TestSources {
  helpdeskUrl: string;
  billingUrl: string;
  /** Lookback's own database, when asked for (`{ store: true }`); LOOKBACK_DATABASE_URL is unset otherwise. */
  storeUrl?: string;
  /**
   * Point HELPDESK_DATABASE_URL / BILLING_DATABASE_URL (and LOOKBACK_DATABASE_URL, unless `withStore` is
   * false) at these databases.
   */
  use(extraEnv?: Record<string, string>, options?: { withStore?: boolean }): Promise<void>;
  /** Runs SQL as the owner (the fixture loader), outside Lookback's read-only path. */
  exec(source: Source, sql: string, params?: unknown[]): Promise<unknown[]>;
  drop(): Promise<void>;
}

export async function createTestSources(
  fixture: Partial<Record<Source, string>> = {},
  options: { store?: boolean } = {},
): Promise<TestSources> {
  const serverUrl = inject("serverUrl");
  const templates = inject("templateSuffix");
  const suffix = randomBytes(4).toString("hex");
  const names = { helpdesk: `t_${suffix}_helpdesk`, billing: `t_${suffix}_billing` } as const;
  const urls = {
    helpdesk: await createSourceDatabase(serverUrl, names.helpdesk, "helpdesk", {
      template: `lookback_template_helpdesk_${templates}`,
    }),
    billing: await createSourceDatabase(serverUrl, names.billing, "billing", {
      template: `lookback_template_billing_${templates}`,
    }),
  };
  for (const source of ["helpdesk", "billing"] as const) {
    const sql = fixture[source];
    if (sql) await withClient(urls[source], (c) => c.query(sql));
  }
  const storeName = `t_${suffix}_lookback`;
  const storeUrl = options.store ? await createEmptyDatabase(serverUrl, storeName) : undefined;
  return {
    helpdeskUrl: urls.helpdesk,
    billingUrl: urls.billing,
    storeUrl,
    async use(extraEnv = {}, { withStore = true } = {}) {
      // A history build a read started in the background still uses the pools: let it end first.
      await historyBuildInFlight();
      await closePools();
      delete process.env.LOOKBACK_DATABASE_URL;
      Object.assign(process.env, {
        HELPDESK_DATABASE_URL: urls.helpdesk,
        BILLING_DATABASE_URL: urls.billing,
        ...(storeUrl && withStore ? { LOOKBACK_DATABASE_URL: storeUrl } : {}),
        ...extraEnv,
      });
      resetConfig();
    },
    exec: (source, sql, params) => withClient(urls[source], async (c) => (await c.query(sql, params)).rows),
    async drop() {
      await historyBuildInFlight();
      await closePools();
      await dropDatabase(serverUrl, names.helpdesk);
      await dropDatabase(serverUrl, names.billing);
      if (storeUrl) await dropDatabase(serverUrl, storeName);
    },
  };
}
