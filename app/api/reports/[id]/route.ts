import type { NextRequest } from "next/server";
import { currentUser } from "@/lib/auth/session";
import { answer } from "@/lib/reports/api";

export async function GET(request: NextRequest, { params }: RouteContext<"/api/reports/[id]">) {
  return answer((await params).id, request.nextUrl, await currentUser(), request.signal);
}
