import { domainToASCII } from "node:url";

/**
 * What one search box query can be, worked out once in TypeScript so the SQL
 * only ever compares bound values with indexed expressions. Every field is
 * absent when the query cannot be that kind of thing (a tracking number must
 * be digits, a serial must be hex, a partial match needs 3 characters).
 */
export interface LookupTerms {
  /** The query as typed (trimmed): compared exactly with vendor_order_id and product_no. */
  exact: string;
  /** The certificate id of `C-123` or `123`, as a decimal string within bigint. */
  trackingId?: string;
  /** Hex without separators, upper case: compared with sha256_fingerprint. */
  hex?: string;
  /** `hex` without leading zeros: compared with serial_hex without leading zeros. */
  serial?: string;
  /** Normalized names (lower case, no trailing dot, punycode): equal to a common name or SAN. */
  names: string[];
  /** The wildcard names `*.rest` that would cover one of `names`. */
  wildcards: string[];
  /** LIKE patterns (escaped, `%…%`) for a part of a name. */
  namePatterns: string[];
  /** LIKE pattern (escaped, `%…%`) for a part of a customer's name, lower case. */
  customerPattern?: string;
}

/** A partial match needs this many characters: shorter ones would match most of the table. */
export const PARTIAL_MIN_LENGTH = 3;

const BIGINT_MAX = 9_223_372_036_854_775_807n;

export function normalizeQuery(query: string): LookupTerms {
  const exact = query.trim();
  const lower = exact.toLowerCase();
  const names = unique([nameForm(exact), stripTrailingDots(lower)].filter((n) => n !== ""));
  // The minimum counts the name as typed: "ü" is one character, though its punycode form xn--tda is seven.
  const typed = [...stripTrailingDots(lower)].length;
  const namePatterns = typed >= PARTIAL_MIN_LENGTH ? names.filter(isPartialNameTerm).map(containsPattern) : [];
  return {
    exact,
    trackingId: trackingId(exact),
    ...hexForms(exact),
    names,
    wildcards: unique(names.map(coveringWildcard).filter((w): w is string => w !== undefined)),
    namePatterns: unique(namePatterns),
    customerPattern: [...lower].length >= PARTIAL_MIN_LENGTH ? containsPattern(lower) : undefined,
  };
}

/** `C-123`, `c-123` or `123` → "123"; nothing beyond bigint (it could be no certificate's id). */
function trackingId(query: string): string | undefined {
  const digits = /^(?:c-)?(\d+)$/i.exec(query)?.[1];
  if (digits === undefined) return undefined;
  const id = BigInt(digits);
  return id <= BIGINT_MAX ? id.toString() : undefined;
}

/** Serials and fingerprints are typed with colons or spaces and in any case; stored upper-case without them. */
function hexForms(query: string): Pick<LookupTerms, "hex" | "serial"> {
  const hex = query.replace(/[:\s]/g, "").toUpperCase();
  if (!/^[0-9A-F]+$/.test(hex)) return {};
  const serial = hex.replace(/^0+/, "");
  return { hex, serial: serial === "" ? undefined : serial };
}

/**
 * A host name as stored names are compared: lower case, no trailing dot, and
 * an internationalized name in punycode (`bücher.example` →
 * `xn--bcher-kva.example`), label by label when the whole is not a valid
 * domain (a wildcard, an underscore).
 */
export function nameForm(query: string): string {
  const lower = query.trim().toLowerCase();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII is exactly what needs no conversion.
  if (/^[\x00-\x7f]*$/.test(lower)) return stripTrailingDots(lower);
  const whole = domainToASCII(lower);
  const ascii =
    whole !== ""
      ? whole
      : lower
          .split(".")
          .map((label) => domainToASCII(label) || label)
          .join(".");
  return stripTrailingDots(ascii.toLowerCase());
}

function stripTrailingDots(name: string): string {
  return name.replace(/\.+$/, "");
}

/** `www.example.com` is covered by `*.example.com`: exactly one label in front of the rest. */
function coveringWildcard(name: string): string | undefined {
  const dot = name.indexOf(".");
  if (dot <= 0) return undefined;
  const label = name.slice(0, dot);
  const rest = name.slice(dot + 1);
  if (label === "*" || rest === "") return undefined;
  return `*.${rest}`;
}

/**
 * Partial name matches search the names' JSON text (see names-sql.ts): a term
 * with a quote, a backslash or a control character could match across two
 * names there, and no host name holds one.
 */
function isPartialNameTerm(name: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are escaped in JSON text.
  return [...name].length >= PARTIAL_MIN_LENGTH && !/["\\\x00-\x1f]/.test(name);
}

/** `%term%` with LIKE's own wildcards (and its escape character, backslash) matched literally. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, "\\$&")}%`;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
