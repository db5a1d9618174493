import { type NextRequest, NextResponse } from "next/server";
import { ROLES, type Role } from "@/lib/auth/roles";
import { ROLE_COOKIE } from "@/lib/auth/session";

/** Demo mode's role switcher: remembers the chosen role and goes back where the visitor was. */
export async function POST(request: NextRequest) {
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
  const referer = request.headers.get("referer");
  const back =
    referer && new URL(referer).origin === request.nextUrl.origin ? new URL(referer) : new URL("/", request.url);
  const response = NextResponse.redirect(back, 303);
  response.cookies.set(ROLE_COOKIE, role, { httpOnly: true, sameSite: "lax", path: "/" });
  return response;
}
