/**
 * The fixed cast of the demo: offices, teams and their names over time,
 * queues, and the planted people and clients the browser tests look for
 * (see README.md). Everything here is the same for every seed; the seed only
 * varies the generated crowd around it.
 */
export const OFFICES = [
  { id: 1, name: "Chicago", timezone: "America/Chicago", currency: "USD" },
  { id: 2, name: "London", timezone: "Europe/London", currency: "GBP" },
] as const;

/** `from`: days after the start of history (negative: before it) at 00:00 in the team's office. */
export const TEAMS = [
  {
    id: 1,
    office: 1,
    names: [
      { name: "Team X", from: -3650 },
      { name: "Division-1", from: 240 },
      { name: "N-1", from: 500 },
    ],
  },
  {
    id: 2,
    office: 1,
    names: [
      { name: "Hosting", from: -3650 },
      { name: "Platform Services", from: 400 },
    ],
  },
  { id: 3, office: 1, names: [{ name: "Network Operations", from: -3650 }] },
  {
    id: 4,
    office: 1,
    names: [
      { name: "Service Desk", from: -3650 },
      { name: "Customer Care", from: 300 },
    ],
  },
  {
    id: 5,
    office: 2,
    names: [
      { name: "London Desk", from: -3650 },
      { name: "EMEA Service Desk", from: 180 },
    ],
  },
  {
    // Renamed and renamed back: a search for "Escalations" must still find it in between.
    id: 6,
    office: 2,
    names: [
      { name: "Escalations", from: -3650 },
      { name: "Tier 3", from: 200 },
      { name: "Escalations", from: 610 },
    ],
  },
] as const;

/** `share`: the queue's part of its office's inflow. */
export const QUEUES = [
  { id: 1, name: "Email Support", team: 1, share: 0.2 },
  { id: 2, name: "Microsoft 365", team: 1, share: 0.13 },
  { id: 3, name: "Web Hosting", team: 2, share: 0.15 },
  { id: 4, name: "SSL Certificates", team: 2, share: 0.08 },
  { id: 5, name: "Network & VPN", team: 3, share: 0.1 },
  { id: 6, name: "Monitoring Alerts", team: 3, share: 0.12 },
  { id: 7, name: "General Support", team: 4, share: 0.14 },
  { id: 8, name: "Billing Questions", team: 4, share: 0.08 },
  { id: 9, name: "EMEA General", team: 5, share: 0.35 },
  { id: 10, name: "EMEA Email", team: 5, share: 0.25 },
  { id: 11, name: "Major Incidents", team: 6, share: 0.15 },
  { id: 12, name: "Backups & Recovery", team: 6, share: 0.25 },
] as const;

export const OFFICE_SHARE = { 1: 0.68, 2: 0.32 } as const;

export const QUEUE_IDS = {
  emailSupport: 1,
  webHosting: 3,
  ssl: 4,
  monitoring: 6,
  majorIncidents: 11,
} as const;

/**
 * Techs 1..12 are the core staff (two per team, never leave or move), so the
 * planted ones sit among them. `rates`: days after the start of history
 * (negative: before it) → hourly cost in the office's currency.
 */
export const PLANTED_TECHS = [
  {
    id: 1,
    login: "rvance",
    fullName: "Riley Vance",
    team: 1,
    rates: [
      { from: -900, cost: "58.00" },
      { from: 330, cost: "61.50" },
    ],
  },
  {
    id: 2,
    login: "dwhitfield",
    fullName: "Dana Whitfield",
    team: 2,
    rates: [
      { from: -1400, cost: "160.00" },
      { from: 365, cost: "168.00" },
    ],
  },
  {
    id: 5,
    login: "ohughes",
    fullName: "Olivia Hughes",
    team: 5,
    rates: [
      { from: -700, cost: "47.00" },
      { from: 420, cost: "50.50" },
    ],
  },
  {
    id: 8,
    login: "mbell",
    fullName: "Marcus Bell",
    team: 2,
    rates: [
      { from: -1100, cost: "145.00" },
      { from: 300, cost: "152.00" },
    ],
  },
] as const;

export const RVANCE_ID = 1;
/** The expensive seniors who work Meridian's tickets. */
export const SENIOR_IDS = [2, 8] as const;
export const CORE_TECHS = 12;

export const MERIDIAN = {
  customerId: 42,
  name: "Meridian Shipping Co",
  accountNo: "A-10042",
  /** Share of the last year's Chicago tickets that are Meridian's (divided by scale above 1). */
  ticketShare: 0.018,
  /** A small all-inclusive monthly retainer, in USD. */
  retainer: "450.00",
  /** Certificates ordered in the last year from a paid vendor, so always billed. */
  certificates: 3,
} as const;

/** An internal customer: no billing account, yet techs log time on its tickets. */
export const INTERNAL_CUSTOMER = { id: 7, name: "Internal IT" } as const;

/** Share of customers (other than the planted ones) with no billing account. */
export const NO_ACCOUNT_SHARE = 0.1;
