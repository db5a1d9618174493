import "server-only";
import { type Expression, sql } from "kysely";

/**
 * A ticket subject's template: the subject with its variable parts replaced
 * by placeholders, so that "Password reset for jane@acme.com" and "PASSWORD
 * RESET for bob@example.org" are one kind of ticket. Written once, in SQL:
 * the recurring-work report groups by it and the ticket list filters by it,
 * so a kind's drill-down lists exactly its tickets.
 *
 * The rules, applied in this order (each to what the previous ones left):
 *  1. lower case (ASCII letters always; others as the database's locale does);
 *  2. URLs (http://…, https://…)            → <url>
 *  3. e-mail addresses                       → <email>
 *  4. ticket references: "Ticket #123", "ticket 123", "RT#4567", "case 12", "#123" → <ticket>
 *  5. UUIDs, and serials written as two-digit hex groups with colons (d5:86:28:81) → <hex>
 *  6. IPv6 addresses (with "::" and a hex group, standing alone: not std::vector; or eight groups),
 *     IPv4 addresses (optional /prefix) → <ip>
 *  7. dates: 2026-11-03, 03/11/2026, 3.11.26, 3 Nov 2026, Nov 3rd, 2026 → <date> (month names whole:
 *     "2 separate" is no date); an ISO date-time, 2026-11-03T14:05Z → <date> <time>
 *  8. times: 14:05, 14:05:59, 2pm, 2:05 pm  → <time>
 *  9. host and domain names: dotted labels ending in a letter label of two or more
 *     (or an xn-- label), Unicode letters allowed: www.zürich.ch, xn--mnchen-3ya.de → <host>
 * 10. hex strings: six or more hex digits holding a digit and a letter a–f, or a 0x… literal → <hex>
 * 11. version numbers: 1.2, v10.4.3        → <version>
 * 12. any other run of digits               → <n>
 * 13. whitespace runs to one space, trimmed; trailing . , ; : ! ? - dropped;
 * 14. nothing left (an empty subject, "???", "-")  → <empty>, a kind a link can name
 *     (an empty kind= means "any kind" to the ticket list).
 *
 * Only immutable built-in functions, so the same expression could back an
 * index on a replica.
 */
export function subjectTemplate(subject: Expression<string>) {
  // Label characters: ASCII letters, digits, hyphen, and any non-ASCII letter (IDN hosts typed in Unicode).
  const label = "[-a-z0-9\\u00c0-\\uffff]";
  // Whole month names or their short forms: "2 separate accounts" is no date, "2 Sept" is.
  const month =
    "(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\\M\\.?";
  const rules: [pattern: string, replacement: string][] = [
    ["https?://[^[:space:]]+", "<url>"],
    [`[a-z0-9._%+-]+@${label}+(\\.${label}+)+`, "<email>"],
    [
      "\\m(ticket|rt|case|req|inc|incident)[[:space:]]*(#|no\\.?|nr\\.?)?[[:space:]]*:?[[:space:]]*[0-9]+\\M",
      "<ticket>",
    ],
    ["#[[:space:]]*[0-9]+\\M", "<ticket>"],
    ["\\m[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\M", "<hex>"],
    ["\\m[0-9a-f]{2}(:[0-9a-f]{2}){3,}\\M", "<hex>"],
    // With "::", standing alone ("std::vector" is no address): hex groups on one side at least.
    [
      "(?<![0-9a-z:])([0-9a-f]{1,4}(:[0-9a-f]{1,4})*::([0-9a-f]{1,4}(:[0-9a-f]{1,4})*)?|::[0-9a-f]{1,4}(:[0-9a-f]{1,4})*)(/[0-9]{1,3})?(?![0-9a-z:])",
      "<ip>",
    ],
    ["\\m[0-9a-f]{1,4}(:[0-9a-f]{1,4}){7}\\M(/[0-9]{1,3})?", "<ip>"],
    ["\\m[0-9]{1,3}(\\.[0-9]{1,3}){3}\\M(/[0-9]{1,2}\\M)?", "<ip>"],
    // An ISO date and time (lower-cased: 2026-11-03t14:05:59z) is a date and a time.
    [
      "\\m[0-9]{4}-[0-9]{2}-[0-9]{2}t[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(z|[+-][0-9]{2}(:?[0-9]{2})?)?\\M",
      "<date> <time>",
    ],
    ["\\m[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\\M", "<date>"],
    ["\\m[0-9]{1,2}[/.][0-9]{1,2}[/.]([0-9]{4}|[0-9]{2})\\M", "<date>"],
    [`\\m[0-9]{1,2}(st|nd|rd|th)?[[:space:]]+${month}(,?[[:space:]]+[0-9]{4}\\M)?`, "<date>"],
    [`\\m${month}[[:space:]]+[0-9]{1,2}(st|nd|rd|th)?\\M(,?[[:space:]]+[0-9]{4}\\M)?`, "<date>"],
    ["\\m[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?([[:space:]]*[ap]\\.?m\\M\\.?)?", "<time>"],
    ["\\m[0-9]{1,2}[[:space:]]*[ap]\\.?m\\M\\.?", "<time>"],
    [`${label}+(\\.${label}+)*\\.(xn--[-a-z0-9]+|[a-z\\u00c0-\\uffff]{2,})\\M\\.?`, "<host>"],
    ["\\m0x[0-9a-f]+\\M", "<hex>"],
    ["\\m(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{6,}\\M", "<hex>"],
    ["\\mv?[0-9]+(\\.[0-9]+)+\\M", "<version>"],
    ["[0-9]+", "<n>"],
    ["[[:space:]]+", " "],
    ["[[:space:].,;:!?-]+$", ""],
  ];
  let template = sql<string>`lower(${subject})`;
  for (const [pattern, replacement] of rules) {
    template = sql<string>`regexp_replace(${template}, ${sql.lit(pattern)}, ${sql.lit(replacement)}, 'g')`;
  }
  return sql<string>`coalesce(nullif(btrim(${template}), ''), '<empty>')`;
}
