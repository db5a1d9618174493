import type { NextRequest } from "next/server";
import { requestContext } from "@/lib/auth/request-context";
import { currentUser, requestSignal } from "@/lib/auth/session";
import { config } from "@/lib/db/config";
import { askerKey } from "@/lib/reports/answer-cache";
import { answer } from "@/lib/reports/api";

/**
 * The JSON/CSV API. A client that disconnects cancels its query: Next's request signal, or the server's own.
 * Who asks, as the answer cache keys it: the gate's verified user, or the demo's role cookie (the same key
 * Lookback's server computes when it answers a repeat itself, server.ts).
 */
export async function GET(request: NextRequest, { params }: RouteContext<"/api/reports/[id]">) {
  const serverSignal = requestSignal();
  const signal = serverSignal ? AbortSignal.any([request.signal, serverSignal]) : request.signal;
  const verified = config().LOOKBACK_AUTH === "proxy" ? requestContext()?.user : undefined;
  const asker = askerKey(verified, request.headers.get("cookie") ?? undefined);
  return answer((await params).id, request.nextUrl, await currentUser(), signal, { headers: request.headers, asker });
}
