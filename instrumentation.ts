/**
 * Runs once when the server starts: validate the environment, so a missing
 * or malformed variable stops Lookback at start-up with its name, instead of
 * failing on the first report.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { config } = await import("./lib/db/config");
    config();
  }
}
