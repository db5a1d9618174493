import { rnd } from "../sql";
import type { Step } from "../step";

/**
 * GBP and EUR to USD: a row every Monday, then every weekday for the last 90
 * days, so both "the row in force" across gaps and daily rates get exercised.
 * The first row predates history by two weeks. USD has no rows. A slow
 * yearly swing plus a little noise, rounded to six decimals.
 */
export const fxSteps: Step[] = [
  {
    name: "fx rates",
    sql: `
      INSERT INTO fx_rates (currency, valid_on, to_usd)
      SELECT c.currency, d.day,
        round((c.base + c.swing * sin(2 * pi() * (d.day - pg_temp.start_day()) / 365.25 + c.phase)
               + c.noise * (${rnd("(d.day - date '2000-01-01') * 2 + c.k", "fx.noise")} - 0.5))::numeric, 6)
      FROM (VALUES ('GBP', 0, 1.27, 0.05, 1.0, 0.012), ('EUR', 1, 1.09, 0.04, 2.5, 0.01))
        AS c(currency, k, base, swing, phase, noise)
      CROSS JOIN LATERAL (
        SELECT g::date AS day FROM generate_series(pg_temp.start_day() - 14, pg_temp.end_day() - 1, interval '1 day') g
      ) d
      WHERE CASE WHEN d.day >= pg_temp.end_day() - 90 THEN extract(isodow FROM d.day) < 6
                 ELSE extract(isodow FROM d.day) = 1 END
         OR d.day = pg_temp.start_day() - 14
      ORDER BY 1, 2;
    `,
  },
];
