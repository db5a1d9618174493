import { currentUser } from "@/lib/auth/session";
import { subscriptionsApi } from "@/lib/subscriptions/api";

/** POST: run and deliver now; answers `{ delivered, rows, error? }`. */
export async function POST(request: Request, { params }: RouteContext<"/api/subscriptions/[id]/run">) {
  return subscriptionsApi(request, await currentUser(), { id: (await params).id, run: true });
}
