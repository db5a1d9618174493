import type { Step } from "../step";
import { actSteps } from "./acts";
import { arrivalSteps } from "./arrivals";
import { calendarSteps } from "./calendar";
import { certificatePlanSteps, certificateSteps } from "./certificates";
import { commentSteps } from "./comments";
import { customerSteps } from "./customers";
import { eventSteps } from "./events";
import { flushSteps } from "./flush";
import { nightNoteSteps } from "./night-notes";
import { planSteps } from "./plan";
import { staffSteps } from "./staff";
import { ticketBaseSteps } from "./ticket-base";
import { timeEntrySteps } from "./time-entries";

/**
 * The helpdesk database in dependency order. Staging builds the whole story
 * in temp tables (and the small tables: staff, customers); once it is done,
 * billing has its facts and the big tables are written.
 */
export const helpdeskStagingSteps: Step[] = [
  ...staffSteps,
  ...calendarSteps,
  ...arrivalSteps,
  ...ticketBaseSteps,
  ...planSteps,
  ...customerSteps,
  ...actSteps,
  ...eventSteps,
  ...commentSteps,
  ...timeEntrySteps,
  ...nightNoteSteps,
  ...certificatePlanSteps,
];

export const helpdeskWritingSteps: Step[] = [...flushSteps, ...certificateSteps];
