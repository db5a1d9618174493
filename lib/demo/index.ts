export type { TableSummary } from "./checksums";
export { type DemoSummary, generateDemo } from "./generate";
export type { DemoOptions, DemoParams } from "./options";
