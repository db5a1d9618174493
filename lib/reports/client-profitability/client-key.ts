/**
 * Which client a drill-down is about, as it appears in /clients/{key}: a
 * billing account number, or `customer-{id}` for a helpdesk customer with no
 * billing account. (Account numbers that themselves look like `customer-17`
 * would be ambiguous; billing's numbers are `A-…`.)
 */
export type ClientKey = { kind: "account"; accountNo: string } | { kind: "customer"; customerId: number };

const CUSTOMER = /^customer-([1-9]\d{0,9})$/;

export function parseClientKey(text: string): ClientKey | undefined {
  const key = text.trim();
  if (key === "" || key.length > 100) return undefined;
  const m = CUSTOMER.exec(key);
  if (m) {
    const id = Number(m[1]);
    return id <= 2_147_483_647 ? { kind: "customer", customerId: id } : undefined;
  }
  return { kind: "account", accountNo: key };
}

export function formatClientKey(key: ClientKey): string {
  return key.kind === "account" ? key.accountNo : `customer-${key.customerId}`;
}

export interface ClientRange {
  from: string;
  to: string;
  scope: string;
}

/** The drill-down page of a client over the same range and scope. */
export function clientHref(key: ClientKey, p: ClientRange): string {
  return clientPageHref(formatClientKey(key), p);
}

/** The same, from the key as /clients/{key} spells it (formatClientKey). */
export function clientPageHref(client: string, p: ClientRange): string {
  const search = new URLSearchParams({ from: p.from, to: p.to, scope: p.scope });
  return `/clients/${encodeURIComponent(client)}?${search}`;
}
