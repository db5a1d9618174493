import { domainToUnicode } from "node:url";
import { nameForm, PARTIAL_MIN_LENGTH } from "./normalize";

/**
 * The line above the results: how the rows matched, or why none did (the
 * 3-character rule only when the query is that short), and, for an
 * internationalized name, both of its forms: certificates store punycode, so
 * a Unicode query is searched as punycode and a punycode one reads better in
 * Unicode.
 */
export function searchNote(q: string, matches: readonly string[]): string {
  const typed = q.trim();
  const counts = new Map<string, number>();
  for (const m of matches) counts.set(m, (counts.get(m) ?? 0) + 1);
  const outcome =
    matches.length > 0
      ? `By match: ${[...counts].map(([match, n]) => `${n} ${match}`).join(", ")}.`
      : [...typed].length < PARTIAL_MIN_LENGTH
        ? `No certificate matches. Partial matches need at least ${PARTIAL_MIN_LENGTH} characters.`
        : "No certificate matches.";
  const both = idnForms(typed);
  return both ? `${both.unicode} is ${both.ascii} in punycode; both were searched as that. ${outcome}` : outcome;
}

/** The Unicode and punycode forms of an internationalized name; undefined for any other query. */
export function idnForms(typed: string): { unicode: string; ascii: string } | undefined {
  const ascii = nameForm(typed);
  if (!ascii.split(".").some((label) => label.startsWith("xn--"))) return undefined;
  const unicode = domainToUnicode(ascii);
  return unicode === "" || unicode === ascii ? undefined : { unicode, ascii };
}
