import { type NextRequest, NextResponse } from "next/server";
import { ROLES, type Role } from "@/lib/auth/roles";
import { ROLE_COOKIE } from "@/lib/auth/session";
import { config } from "@/lib/db/config";

/** Demo mode's role switcher: remembers the chosen role and goes back where the visitor was. Refused when sign-in is real. */
export async function POST(request: NextRequest) {
  if (config().LOOKBACK_AUTH !== "demo") {
    return NextResponse.json(
      {
        error: {
          code: "forbidden",
          message: "Roles come from sign-in here; the role switcher exists only in demo mode.",
        },
      },
      { status: 403 },
    );
  }
  const form = await request.formData();
  const role = String(form.get("role") ?? "");
  if (!ROLES.includes(role as Role)) {
    return NextResponse.json(
      {
        error: { code: "invalid_params", issues: [{ param: "role", message: `must be one of: ${ROLES.join(", ")}` }] },
      },
      { status: 400 },
    );
  }
  const back = sameOrigin(request.headers.get("referer"), request.nextUrl.origin) ?? new URL("/", request.url);
  const response = NextResponse.redirect(back, 303);
  response.cookies.set(ROLE_COOKIE, role, { httpOnly: true, sameSite: "lax", path: "/" });
  return response;
}

/** The page the visitor came from, if it is one of ours (never redirect elsewhere). */
function sameOrigin(referer: string | null, origin: string): URL | undefined {
  if (!referer || !URL.canParse(referer)) return undefined;
  const url = new URL(referer);
  return url.origin === origin ? url : undefined;
}
