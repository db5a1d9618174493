import { RtSchemaError } from "./check";
import { MappingError } from "./mapping";

/** A Request Tracker source Lookback cannot start on: a mapping file or an RT database it does not understand. */
export function isRtStartError(error: unknown): error is Error {
  return error instanceof MappingError || error instanceof RtSchemaError;
}
