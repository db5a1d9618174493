import { configSchema } from "../db/config";

/** The reporting time zone (LOOKBACK_TZ, validated like the rest of the configuration), without needing the database settings. */
export function reportingZone(): string {
  return configSchema.shape.LOOKBACK_TZ.parse(process.env.LOOKBACK_TZ);
}
