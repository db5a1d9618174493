/**
 * The id in /certs/{id}: the tracking number as people quote it, `101` or
 * `C-101`. Undefined for anything else (the page answers 404), including ids
 * past 2^53 that no JavaScript number holds exactly.
 */
export function parseCertificateId(segment: string): number | undefined {
  let text: string;
  try {
    text = decodeURIComponent(segment);
  } catch {
    return undefined; // a stray "%": no tracking number
  }
  const digits = /^(?:c-)?(\d{1,16})$/i.exec(text.trim())?.[1];
  if (digits === undefined) return undefined;
  const id = Number(digits);
  return Number.isSafeInteger(id) ? id : undefined;
}
