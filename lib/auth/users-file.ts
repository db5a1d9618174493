import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { ROLES, type Role } from "./roles";

/**
 * The users file (LOOKBACK_USERS_FILE): who gets which role when the
 * single-sign-on proxy vouches for them. Logins and group names are matched
 * without regard to case. A user's own entry wins over their groups; among
 * groups the strongest role wins (manager, then lead, then tech) and a lead
 * leads every team of every lead group they are in. Anyone not in the file
 * whose login is a helpdesk tech's login is that tech; everyone else is
 * refused. The file is read again when it changes, so edits apply without a
 * restart.
 *
 *   { "users":  { "mhale": { "role": "manager" },
 *                 "jlee":  { "role": "lead", "teams": [1, 2] },
 *                 "rvance": { "role": "tech", "techId": 1 } },
 *     "groups": { "support-managers": { "role": "manager" },
 *                 "team-x-leads": { "role": "lead", "teams": [1] } } }
 */
const teamIds = z.array(z.int().positive()).max(1000).default([]);

const grantFields = {
  role: z.enum(ROLES, { error: `must be one of: ${ROLES.join(", ")}` }),
  /** For a lead: the team ids they lead (their scorecards are limited to these in SQL). */
  teams: teamIds,
};

const leadHasTeams = (grant: { role: Role; teams: number[] }) => grant.role !== "lead" || grant.teams.length > 0;
const leadMessage = { error: "a lead needs the ids of the teams they lead in `teams`" };

const userGrant = z
  .strictObject({ ...grantFields, techId: z.int().positive().optional() })
  .refine(leadHasTeams, leadMessage);
const groupGrant = z.strictObject(grantFields).refine(leadHasTeams, leadMessage);

export const usersFileSchema = z.strictObject({
  users: z.record(z.string().trim().min(1), userGrant).default({}),
  groups: z.record(z.string().trim().min(1), groupGrant).default({}),
});

export type UsersFile = z.output<typeof usersFileSchema>;

export interface Grant {
  role: Role;
  teamIds: number[];
  techId?: number;
}

export class UsersFileError extends Error {
  override name = "UsersFileError";
}

/** Parses and validates a users file's text; the error names the file and each bad entry. */
export function parseUsersFile(text: string, file: string): UsersFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsersFileError(`The users file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const result = usersFileSchema.safeParse(json);
  if (result.success) return lowerCaseKeys(result.data);
  const problems = result.error.issues.map((i) => `  ${i.path.join(".") || "(top level)"}: ${i.message}`);
  throw new UsersFileError(`The users file ${file} is not valid:\n${problems.join("\n")}`);
}

function lowerCaseKeys(file: UsersFile): UsersFile {
  const lower = <T>(record: Record<string, T>) =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]));
  return { users: lower(file.users), groups: lower(file.groups) };
}

let cached: { file: string; mtimeMs: number; size: number; parsed: UsersFile } | undefined;

/** The users file at `file`, read again only when it changed on disk. */
export function loadUsersFile(file: string): UsersFile {
  const resolved = path.resolve(file);
  let stat: { mtimeMs: number; size: number };
  try {
    stat = statSync(resolved);
  } catch {
    throw new UsersFileError(`The users file ${resolved} (LOOKBACK_USERS_FILE) cannot be read.`);
  }
  if (cached?.file === resolved && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.parsed;
  const parsed = parseUsersFile(readFileSync(resolved, "utf8"), resolved);
  cached = { file: resolved, mtimeMs: stat.mtimeMs, size: stat.size, parsed };
  return parsed;
}

const STRENGTH: Record<Role, number> = { manager: 3, lead: 2, tech: 1 };

/** The role the file gives `login` (with these groups), or undefined when it says nothing about them. */
export function grantFor(file: UsersFile, login: string, groups: readonly string[]): Grant | undefined {
  // Own entries only: a login or group named "constructor" or "__proto__" must not find Object's.
  const entry = <T>(of: Record<string, T>, key: string): T | undefined =>
    Object.hasOwn(of, key.toLowerCase()) ? of[key.toLowerCase()] : undefined;
  const own = entry(file.users, login);
  if (own) return { role: own.role, teamIds: own.teams, techId: own.techId };
  const matched = groups.flatMap((g) => entry(file.groups, g) ?? []);
  if (matched.length === 0) return undefined;
  const role = matched.reduce<Role>((best, g) => (STRENGTH[g.role] > STRENGTH[best] ? g.role : best), "tech");
  const teamIds = role === "lead" ? [...new Set(matched.filter((g) => g.role === "lead").flatMap((g) => g.teams))] : [];
  return { role, teamIds: teamIds.sort((a, b) => a - b) };
}
