import { z } from "zod";
import { text } from "../../params/fields";
import { paramUi } from "../../params/ui";

/** A certificate's life, in order (replica-schema.md). */
export const CERT_STATUSES = [
  "requested",
  "csr_created",
  "submitted",
  "validating",
  "issued",
  "installed",
  "expired",
  "revoked",
  "cancelled",
] as const;

export type CertStatus = (typeof CERT_STATUSES)[number];

/**
 * An optional status filter. The shared `choice` is always required and its
 * select has no empty option; this one offers "Any status" (an empty value,
 * which the form sends and the parser drops), so the URL stays without it.
 */
const status = z
  .enum(CERT_STATUSES, { error: `must be one of: ${CERT_STATUSES.join(", ")}` })
  .optional()
  .describe("Only certificates with this status; any status when absent")
  .register(paramUi, {
    kind: "choice",
    label: "Status",
    options: [
      { value: "", label: "Any status" },
      ...CERT_STATUSES.map((s) => ({ value: s, label: s.replace("_", " ") })),
    ],
  });

export const lookupParams = z.object({
  q: text(
    "Search",
    "A domain, tracking number (C-123), order number, product number, serial, SHA-256 fingerprint or customer name",
    { min: 1, max: 255, autoFocus: true, placeholder: "www.example.com, C-123, ORD-…, serial or fingerprint" },
  ),
  status,
});

export type LookupParams = z.output<typeof lookupParams>;
