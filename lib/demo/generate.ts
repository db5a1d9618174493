import pg from "pg";
import { billingFacts } from "./billing/facts";
import { billingSteps } from "./billing/index";
import { dropForLoad } from "./bulk-load";
import { BILLING_TABLES, HELPDESK_TABLES, summarizeTables, type TableSummary } from "./checksums";
import { copyAcross } from "./copy";
import { helpdeskStagingSteps, helpdeskWritingSteps } from "./helpdesk/index";
import { type DemoOptions, type DemoParams, resolveDemoParams } from "./options";
import { prepareSession } from "./session";
import type { Step } from "./step";

export interface DemoSummary {
  params: DemoParams;
  /** Generation time, ANALYZE included, checksums not. */
  seconds: number;
  helpdesk: Record<string, TableSummary>;
  billing: Record<string, TableSummary>;
}

type Progress = (message: string) => void;

/**
 * Fills two empty databases (made with createSourceDatabase) with the demo
 * data set; see README.md. Everything is computed in the databases,
 * set-based, one transaction per database: a failure leaves both empty.
 */
export async function generateDemo(options: DemoOptions & { checksums?: boolean }): Promise<DemoSummary> {
  const params = resolveDemoParams(options);
  const progress = options.onProgress ?? (() => {});
  const started = performance.now();
  const helpdesk = await connect(options.helpdeskUrl, "helpdesk");
  try {
    const billing = await connect(options.billingUrl, "billing");
    try {
      await assertEmpty(helpdesk, "helpdesk", HELPDESK_TABLES);
      await assertEmpty(billing, "billing", BILLING_TABLES);
      await prepareSession(helpdesk, params);
      await prepareSession(billing, params);
      await loadInTransactions(helpdesk, billing, progress);
      await Promise.all([helpdesk.query("ANALYZE"), billing.query("ANALYZE")]);
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      progress(`generated in ${seconds} s`);
      const withChecksums = options.checksums ?? true;
      const [helpdeskSummary, billingSummary] = await Promise.all([
        summarizeTables(helpdesk, HELPDESK_TABLES, withChecksums),
        summarizeTables(billing, BILLING_TABLES, withChecksums),
      ]);
      return { params, seconds, helpdesk: helpdeskSummary, billing: billingSummary };
    } finally {
      await billing.end();
    }
  } finally {
    await helpdesk.end();
  }
}

/**
 * The helpdesk session stages the whole story in temp tables; the facts the
 * billing database must agree with are copied across; then both sessions
 * write their tables at once (two cores, two sessions).
 */
async function loadInTransactions(helpdesk: pg.Client, billing: pg.Client, progress: Progress): Promise<void> {
  await helpdesk.query("BEGIN");
  await billing.query("BEGIN");
  try {
    const restoreHelpdesk = await dropForLoad(helpdesk);
    const restoreBilling = await dropForLoad(billing);
    await runSteps(helpdesk, "helpdesk", helpdeskStagingSteps, progress);
    await copyFacts(helpdesk, billing, progress);
    await Promise.all([
      runSteps(helpdesk, "helpdesk", helpdeskWritingSteps, progress).then(() =>
        timed("helpdesk: indexes and foreign keys", restoreHelpdesk, progress),
      ),
      runSteps(billing, "billing", billingSteps, progress).then(() =>
        timed("billing: indexes and foreign keys", restoreBilling, progress),
      ),
    ]);
    await helpdesk.query("COMMIT");
    await billing.query("COMMIT");
  } catch (error) {
    await Promise.allSettled([helpdesk.query("ROLLBACK"), billing.query("ROLLBACK")]);
    throw error;
  }
}

async function connect(url: string, source: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`Cannot connect to the ${source} database for the demo data: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return client;
}

async function assertEmpty(client: pg.Client, source: string, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    const { rowCount } = await client.query(`SELECT 1 FROM ${table} LIMIT 1`);
    if (rowCount) {
      throw new Error(
        `The ${source} database is not empty (${table} has rows): the demo fills fresh databases made by createSourceDatabase.`,
      );
    }
  }
}

async function copyFacts(helpdesk: pg.Client, billing: pg.Client, progress: Progress): Promise<void> {
  for (const fact of billingFacts) {
    try {
      await billing.query(`CREATE TEMP TABLE ${fact.table} (${fact.columns})`);
      await copyAcross(helpdesk, fact.query, billing, fact.table);
      await billing.query(`ANALYZE ${fact.table}`);
    } catch (error) {
      throw new Error(
        `Copying ${fact.table} from the helpdesk to the billing session failed: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }
  progress("billing: facts copied from the helpdesk");
}

async function runSteps(client: pg.Client, source: string, steps: Step[], progress: Progress): Promise<void> {
  for (const step of steps) {
    try {
      await timed(`${source}: ${step.name}`, () => client.query(step.sql), progress);
    } catch (error) {
      throw new Error(`Demo step "${step.name}" failed in the ${source} database: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
}

async function timed(name: string, work: () => Promise<unknown>, progress: Progress): Promise<void> {
  const started = performance.now();
  await work();
  progress(`${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
