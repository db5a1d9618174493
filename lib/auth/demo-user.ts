import { ROLES, type Role, type User } from "./roles";

/**
 * The demo's three visitors. The lead leads team 1 and the tech is helpdesk
 * tech 1: on the demo data, Team X (now N-1) and Riley Vance, so each role
 * shows what it would really see. No `server-only` and no Next.js here:
 * Lookback's server names them too, before Next.js (answer-cache.ts).
 */
export const DEMO_LEAD_TEAMS: readonly number[] = [1];
export const DEMO_TECH_ID = 1;

export function demoUser(role: string | undefined): User {
  const r: Role = ROLES.includes(role as Role) ? (role as Role) : "manager";
  return {
    login: `demo-${r}`,
    role: r,
    teamIds: r === "lead" ? [...DEMO_LEAD_TEAMS] : [],
    techId: r === "tech" ? DEMO_TECH_ID : undefined,
  };
}
