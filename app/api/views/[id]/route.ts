import { currentUser } from "@/lib/auth/session";
import { viewsApi } from "@/lib/subscriptions/api";

/** DELETE: remove one of the caller's views; PATCH `{ "name" }`: rename it. */
export async function DELETE(request: Request, { params }: RouteContext<"/api/views/[id]">) {
  return viewsApi(request, await currentUser(), (await params).id);
}

export async function PATCH(request: Request, { params }: RouteContext<"/api/views/[id]">) {
  return viewsApi(request, await currentUser(), (await params).id);
}
