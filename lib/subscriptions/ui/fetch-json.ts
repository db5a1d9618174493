/** A JSON call to Lookback's own API from a page; an error becomes one sentence naming each bad field. */
export async function callApi(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ ok: boolean; json: unknown; said: string }> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.ok) return { ok: true, json, said: "" };
  const error = (json as { error?: { message?: string; issues?: { param: string; message: string }[] } } | null)?.error;
  const said = error?.issues?.length
    ? error.issues.map((i) => `${i.param} ${i.message}`).join("; ")
    : (error?.message ?? `Lookback answered ${response.status}.`);
  return { ok: false, json, said };
}
