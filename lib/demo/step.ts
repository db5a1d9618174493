/** One statement (or a few) of the generator, run in order inside one transaction per database. */
export interface Step {
  name: string;
  sql: string;
}
