/** Who may run what. `manager` sees everything; `lead` their teams and no money; `tech` lookups and their own numbers. */
export const ROLES = ["manager", "lead", "tech"] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  login: string;
  role: Role;
  /** For a lead: the teams they lead (scorecards are limited to these in SQL). */
  teamIds: number[];
  /** For a tech: their helpdesk tech id (their own scorecard only). */
  techId?: number;
}
