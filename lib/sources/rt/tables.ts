/**
 * The Request Tracker tables and columns Lookback reads, in the order it
 * copies them (lib/sources/rt/copy.ts). The start-up check names any that a
 * database lacks; sql/rt/*.sql is our DDL of exactly these.
 */
export const RT_COLUMNS = {
  principals: ["id", "principaltype", "disabled"],
  users: ["id", "name", "emailaddress", "organization", "realname", "timezone", "created", "lastupdated"],
  groups: ["id", "name", "description", "domain", "instance", "created", "lastupdated"],
  groupmembers: ["id", "groupid", "memberid", "created"],
  queues: ["id", "name", "lifecycle", "disabled", "created", "lastupdated"],
  tickets: [
    "id",
    "effectiveid",
    "ismerged",
    "queue",
    "type",
    "owner",
    "subject",
    "initialpriority",
    "priority",
    "timeworked",
    "status",
    "resolved",
    "lastupdated",
    "creator",
    "created",
  ],
  transactions: [
    "id",
    "objecttype",
    "objectid",
    "timetaken",
    "type",
    "field",
    "oldvalue",
    "newvalue",
    "creator",
    "created",
  ],
  customfields: ["id", "name", "type", "lookuptype", "disabled"],
  customfieldvalues: ["id", "customfield", "name", "description", "created"],
  objectcustomfieldvalues: [
    "id",
    "customfield",
    "objecttype",
    "objectid",
    "content",
    "created",
    "lastupdated",
    "disabled",
  ],
} as const;

export type RtTable = keyof typeof RT_COLUMNS;

/** RT 6.0 records who did the work and for which day apart from who entered it. */
export const RT6_TRANSACTION_COLUMNS = ["timeworker", "timeworkeddate"] as const;

export type RtVersion = "5.0" | "6.0";

/**
 * Which transactions we keep: those of tickets and of groups (team renames
 * and members). Copies of outgoing mail (EmailRecord, CommentEmailRecord)
 * say nothing a report counts. The same filter on both sides makes the
 * per-block counts comparable.
 */
export const TRANSACTION_FILTER =
  "objecttype IN ('RT::Ticket', 'RT::Group') AND coalesce(type, '') NOT IN ('EmailRecord', 'CommentEmailRecord')";
