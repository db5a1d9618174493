/** The one-tech page of `login` over the same days: a URL a lead can bookmark. */
export function techPageHref(login: string, range: { from: string; to: string }): string {
  const search = new URLSearchParams({ from: range.from, to: range.to });
  return `/techs/${encodeURIComponent(login)}?${search}`;
}
