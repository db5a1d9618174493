import { DAY_SPAN, type HourCosts, NO_FX, NO_RATE } from "../../sql/helpdesk/cost-rates";

/**
 * Every tech's price on every day of the range, laid out so that pricing an
 * entry is two array lookups: `prices[(slots[tech_id] − 1) × days + day
 * number]`. Prices are as in costed-entries.ts (10^-10 USD per hour, or the
 * NO_RATE / NO_FX sentinels); a tech without a rate in force has slot 0, and
 * a tech id past the end of `slots` reads NULL: both mean no rate.
 *
 * The all-clients query prices millions of entries, where the binary search
 * of costed-entries.ts (width_bucket over the rate keys, then five lookups)
 * costs more than reading the entry. Both arrays are PostgreSQL array
 * literals: pg would quote each of hundreds of thousands of elements.
 */
export interface DayPrices {
  days: number;
  /** int[] literal: the tech's 1-based block in `prices`, indexed by tech id. */
  slots: string;
  /** int8[] literal: `days` prices per tech with rates, tech after tech. */
  prices: string;
}

/**
 * Beyond this many cells (techs × days, or the largest tech id) the table
 * costs more to build and send than it saves: the caller prices per entry
 * instead. A year of 1,440 techs (scale 36) is 525,600 cells, a 7 MB literal
 * built in about 80 ms.
 */
const MAX_CELLS = 2_000_000;

/** The table for these costs, or undefined when it would be too large (see MAX_CELLS). */
export function dayPrices(costs: HourCosts): DayPrices | undefined {
  const { rateKeys, rateCents, rateCurrency, fx, days } = costs;
  const techOf = (i: number) => Number(BigInt(rateKeys[i] as string) / BigInt(DAY_SPAN));
  const firstDayOf = (i: number) => Number(BigInt(rateKeys[i] as string) % BigInt(DAY_SPAN));
  const techs = new Set(rateKeys.slice(1).map((_, i) => techOf(i + 1)));
  const maxTech = Math.max(0, ...techs);
  if (techs.size * days > MAX_CELLS || maxTech > MAX_CELLS) return undefined;
  const slots = new Array<number>(maxTech).fill(0);
  const prices: string[] = [];
  // Rate keys are sorted by tech, then first day (index 0 is the sentinel): each rate holds until the tech's next.
  for (let i = 1; i < rateKeys.length; i++) {
    const tech = techOf(i);
    if (slots[tech - 1] === 0) {
      slots[tech - 1] = prices.length / days + 1;
      for (let d = 1; d < firstDayOf(i); d++) prices.push(NO_RATE);
    }
    const last = i + 1 < rateKeys.length && techOf(i + 1) === tech ? firstDayOf(i + 1) - 1 : days;
    const cents = BigInt(rateCents[i] as string);
    const currency = rateCurrency[i] as number;
    const usd = (cents * USD_E8).toString();
    for (let d = firstDayOf(i); d <= last; d++) {
      if (currency === 0) {
        prices.push(usd);
        continue;
      }
      const rate = BigInt(fx[(currency - 1) * days + d - 1] as string);
      prices.push(rate < 0n ? NO_FX : (cents * rate).toString());
    }
  }
  return { days, slots: `{${slots.join(",")}}`, prices: `{${prices.join(",")}}` };
}

const USD_E8 = 100_000_000n;
