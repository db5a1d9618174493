import type { NextRequest } from "next/server";
import { currentUser, requestSignal } from "@/lib/auth/session";
import { answer } from "@/lib/reports/api";

/** The JSON/CSV API. A client that disconnects cancels its query: Next's request signal, or the server's own. */
export async function GET(request: NextRequest, { params }: RouteContext<"/api/reports/[id]">) {
  const serverSignal = requestSignal();
  const signal = serverSignal ? AbortSignal.any([request.signal, serverSignal]) : request.signal;
  return answer((await params).id, request.nextUrl, await currentUser(), signal);
}
