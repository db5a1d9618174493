import type { NextRequest } from "next/server";
import { currentUser } from "@/lib/auth/session";
import { SourceError } from "@/lib/db/errors";
import { error, sourceErrorResponse } from "@/lib/reports/api";
import { type EntityOptions, entityOptions, searchCustomers, searchOptions } from "@/lib/reports/options";

const ENTITIES = ["tech", "team", "queue", "customer"] as const;

/**
 * A form picker's search: `GET /api/options/tech?q=ana` answers the first
 * choices whose label holds every word of q, cut to what the caller's role
 * may see (the same list a select would have shown), so a page never carries
 * a thousand names to offer one. Customers, too many to keep, are searched in
 * the helpdesk itself.
 */
export async function GET(request: NextRequest, { params }: RouteContext<"/api/options/[entity]">) {
  const { entity } = await params;
  if (!(ENTITIES as readonly string[]).includes(entity)) {
    return error(404, "not_found", `No such list: ${entity.slice(0, 40)}. Lists: ${ENTITIES.join(", ")}.`);
  }
  const q = request.nextUrl.searchParams.get("q") ?? "";
  if (q.length > 100)
    return error(400, "invalid_params", "Bad parameters", [{ param: "q", message: "at most 100 characters" }]);
  try {
    const user = await currentUser();
    const found =
      entity === "customer"
        ? await searchCustomers(q, { signal: request.signal })
        : searchOptions((await entityOptions(user))[entity as Exclude<keyof EntityOptions, "customer">], q);
    // Not kept by the browser: the answer depends on who asks, and a demo visitor changes role in place.
    return Response.json(found, {
      headers: { "cache-control": "no-store" },
    });
  } catch (e) {
    if (e instanceof SourceError) return sourceErrorResponse(e);
    throw e;
  }
}
