import { readFileSync } from "node:fs";
import { z } from "zod";

/**
 * The mapping file (LOOKBACK_RT_CONFIG, JSON): how a Request Tracker
 * database becomes Lookback's helpdesk shape. Every field has a default, so
 * no file at all is a valid mapping; a file that does not validate stops
 * Lookback at start with one line per bad field.
 */
const zone = z.string().refine(isTimeZone, { error: "must be an IANA time zone such as Europe/London" });
const CANONICAL_STATUSES = ["new", "open", "pending", "on_hold", "resolved", "closed", "merged", "deleted"] as const;

/** The old cruncher's credit for one act, as RT's mapping file gives it. */
const credit = z.number().min(0, { error: "must be 0 to 9.9" }).max(9.9, { error: "must be 0 to 9.9" });

export const mappingSchema = z
  .object({
    teams: z
      .object({
        /** Names of the UserDefined groups that are teams; null: every UserDefined group not excluded. */
        groups: z.array(z.string().min(1)).nullable().default(null),
        exclude: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .default({ groups: null, exclude: [] }),
    offices: z
      .object({
        /** A tech's office zone is RT's Users.Timezone, else this. */
        defaultZone: zone.default("UTC"),
        /** Office names by zone (an office is a zone); the zone itself otherwise. */
        names: z.record(z.string(), z.string().min(1)).default({}),
      })
      .strict()
      .default({ defaultZone: "UTC", names: {} }),
    customers: z
      .object({
        /**
         * `customField`: the customers are the values of a Select ticket custom field (`customField`).
         * `requestorOrganization`: the customers are the Organizations of RT's users, and a ticket's is
         * its first requestor's that has one.
         */
        source: z.enum(["customField", "requestorOrganization"]).default("customField"),
        /** A Select ticket custom field: each of its values is a customer (its id the value's id). */
        customField: z.string().min(1).default("Customer"),
        /** Billing account per customer name; else the value's Description when `accountFromDescription`. */
        accounts: z.record(z.string(), z.string().min(1)).default({}),
        accountFromDescription: z.boolean().default(true),
        /** The customer of a ticket without a value (id 0). */
        unknownName: z.string().min(1).default("(no customer)"),
      })
      .strict()
      .default({
        source: "customField",
        customField: "Customer",
        accounts: {},
        accountFromDescription: true,
        unknownName: "(no customer)",
      }),
    queues: z
      .object({
        /** The team of a queue, by queue name: a team (group) name. */
        teams: z.record(z.string(), z.string().min(1)).default({}),
        /** Else a queue custom field holding the team's (group's) current name. */
        teamCustomField: z.string().min(1).default("Team"),
        /** The team of a queue with neither (team id 0). */
        noTeamName: z.string().min(1).default("(no team)"),
      })
      .strict()
      .default({ teams: {}, teamCustomField: "Team", noTeamName: "(no team)" }),
    /** RT status → Lookback status; statuses not listed keep their name (a lifecycle may use ours). */
    statuses: z
      .record(z.string(), z.enum(CANONICAL_STATUSES, { error: `must be one of: ${CANONICAL_STATUSES.join(", ")}` }))
      .default({ stalled: "on_hold", rejected: "closed" }),
    /** A ticket custom field holding email, portal, phone or monitoring; `defaultChannel` without one. */
    channel: z
      .object({ customField: z.string().min(1).default("Channel"), default: z.string().min(1).default("email") })
      .strict()
      .default({ customField: "Channel", default: "email" }),
    /**
     * `created`: a time entry happened when it was entered (the transaction's Created), which is
     * what 5.x has. `workedDate`: on RT 6, work entered for another day (TimeWorkedDate) is dated
     * at noon of that day in the worker's office zone.
     */
    timeEntryDate: z.enum(["created", "workedDate"]).default("created"),
    /** The old cruncher's credit per act. */
    credit: z
      .object({ reply: credit.default(1), note: credit.default(0.5) })
      .strict()
      .default({ reply: 1, note: 0.5 }),
    /** A CSV (login,valid_from,hourly_cost,currency) managers replace; read each pass. */
    costRatesFile: z.string().min(1).nullable().default(null),
    /** Transaction ids re-read behind the high-water mark each pass (ids commit out of order). */
    overlap: z.number().int({ error: "must be a whole number" }).min(0, { error: "must be 0 or more" }).default(1000),
    /** Transaction ids read per batch on the RT replica. */
    batch: z
      .number()
      .int({ error: "must be a whole number" })
      .min(100, { error: "must be at least 100" })
      .default(50_000),
  })
  .strict();

export type RtMapping = z.output<typeof mappingSchema>;

export class MappingError extends Error {
  override name = "MappingError";
}

export function parseMapping(json: unknown, origin = "LOOKBACK_RT_CONFIG"): RtMapping {
  const result = mappingSchema.safeParse(json);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(the file)"} ${i.message}`);
  throw new MappingError(`The Request Tracker mapping (${origin}) is not valid:\n${lines.join("\n")}`);
}

/** Reads the mapping file, or the defaults when `path` is unset. */
export function loadMapping(path: string | undefined): RtMapping {
  if (!path) return parseMapping({});
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new MappingError(`The Request Tracker mapping ${path} cannot be read: ${(error as Error).message}`);
  }
  return parseMapping(json, path);
}

export interface CostRate {
  login: string;
  valid_from: string;
  hourly_cost: string;
  currency: string;
}

/** The cost-rate CSV: a header `login,valid_from,hourly_cost,currency`, then one rate per line. */
export function parseCostRates(text: string, origin: string): CostRate[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = lines.shift()?.replace(/\s/g, "");
  if (header !== "login,valid_from,hourly_cost,currency") {
    throw new MappingError(`${origin}: the first line must be login,valid_from,hourly_cost,currency`);
  }
  return lines.map((line, i) => {
    const [login = "", valid_from = "", hourly_cost = "", currency = ""] = line.split(",").map((c) => c.trim());
    const where = `${origin} line ${i + 2}`;
    if (!login) throw new MappingError(`${where}: login is empty`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(valid_from)) throw new MappingError(`${where}: valid_from must be YYYY-MM-DD`);
    if (!/^\d{1,8}(\.\d{1,2})?$/.test(hourly_cost)) throw new MappingError(`${where}: hourly_cost must be like 120.50`);
    if (!/^[A-Z]{3}$/.test(currency)) throw new MappingError(`${where}: currency must be three capitals (USD)`);
    return { login, valid_from, hourly_cost, currency };
  });
}

function isTimeZone(z: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: z });
    return true;
  } catch {
    return false;
  }
}
