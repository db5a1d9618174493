/**
 * Where the test writer puts what is not a ticket or a queue in RT's id
 * spaces. Users and groups share RT's principal ids, so a tech keeps its id
 * (its user id) and the rest sits above every tech: a team's group id is
 * TEAM_GROUP_BASE + its id, a customer's requestor user CUSTOMER_USER_BASE + its id.
 */
export const RT_SYSTEM_ID = 900_001;
export const NOBODY_ID = 900_002;
export const PRIVILEGED_ID = 900_010;
export const TEAM_GROUP_BASE = 900_100;
export const CUSTOMER_USER_BASE = 1_000_000;

/** Custom field ids the writer gives the mapping's default custom fields. */
export const CF = { customer: 1, channel: 2, team: 3 } as const;
