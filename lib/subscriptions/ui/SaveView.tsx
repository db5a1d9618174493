import type { User } from "../../auth/roles";
import { config } from "../../db/config";
import { PRESETS, type Preset, resolvePreset } from "../../params/presets";
import { SaveViewButton } from "./SaveViewButton";

/**
 * The report page's "Save view": the page as the browser shows it, and when
 * its dates are exactly a preset's today (the page turns a preset into dates
 * in its URL), the offer to keep that preset, so that the saved view stays
 * relative.
 */
export function SaveView({ params, user }: { params?: Record<string, unknown>; user: User }) {
  const from = params?.from;
  const to = params?.to;
  let preset: { value: Preset; label: string } | undefined;
  if (typeof from === "string" && typeof to === "string") {
    const now = new Date();
    const zone = config().LOOKBACK_TZ;
    const found = (Object.keys(PRESETS) as Preset[]).find((p) => {
      const r = resolvePreset(p, now, zone);
      return r.from === from && r.to === to;
    });
    if (found) preset = { value: found, label: PRESETS[found] };
  }
  return <SaveViewButton preset={preset} leadTeams={user.role === "lead" ? user.teamIds : []} />;
}
