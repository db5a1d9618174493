/**
 * Bound parameters as people read them in "View SQL". Most are a date or a
 * few ids; some are large (the history index hands thousands of ticket ids
 * to the replica, profitability binds a price table of megabytes), and those
 * are cut to their start and their size so pages and cached runs stay light.
 */

/** Arrays past twice this many elements are shown by their first ARRAY_SHOWN and their length. */
const ARRAY_SHOWN = 20;
/** Strings past twice this many characters are shown by their start and their length. */
const TEXT_SHOWN = 200;

/** A parameter cut to what View SQL shows: a long array or string becomes a short string that says so. */
export function shortened(parameter: unknown): unknown {
  if (Array.isArray(parameter) && parameter.length > ARRAY_SHOWN * 2) {
    const head = JSON.stringify(parameter.slice(0, ARRAY_SHOWN)).slice(0, -1);
    return `${head}, … ${(parameter.length - ARRAY_SHOWN).toLocaleString("en")} more]`;
  }
  if (typeof parameter === "string" && parameter.length > TEXT_SHOWN * 2) {
    return `${parameter.slice(0, TEXT_SHOWN)}… (${parameter.length.toLocaleString("en")} characters)`;
  }
  return parameter;
}

/** A bound parameter as View SQL prints it: JSON, long values cut (see shortened). */
export function shown(parameter: unknown): string {
  const short = shortened(parameter);
  return short === parameter ? JSON.stringify(parameter) : String(short);
}
