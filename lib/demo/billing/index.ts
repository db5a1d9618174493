import type { Step } from "../step";
import { accountSteps } from "./accounts";
import { fxSteps } from "./fx";
import { invoiceSteps } from "./invoices";
import { paymentSteps } from "./payments";

/** The billing database, once the facts from the helpdesk (facts.ts) are in its session. */
export const billingSteps: Step[] = [...accountSteps, ...fxSteps, ...invoiceSteps, ...paymentSteps];
