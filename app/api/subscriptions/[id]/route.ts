import { currentUser } from "@/lib/auth/session";
import { subscriptionsApi } from "@/lib/subscriptions/api";

/** GET: one subscription (its webhook redacted); DELETE: stop and remove it. */
export async function GET(request: Request, { params }: RouteContext<"/api/subscriptions/[id]">) {
  return subscriptionsApi(request, await currentUser(), { id: (await params).id });
}

export async function DELETE(request: Request, { params }: RouteContext<"/api/subscriptions/[id]">) {
  return subscriptionsApi(request, await currentUser(), { id: (await params).id });
}
