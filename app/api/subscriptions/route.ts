import { currentUser } from "@/lib/auth/session";
import { subscriptionsApi } from "@/lib/subscriptions/api";

/** GET: the caller's subscriptions (a manager's: everyone's); POST: subscribe to a view. */
export async function GET(request: Request) {
  return subscriptionsApi(request, await currentUser());
}

export async function POST(request: Request) {
  return subscriptionsApi(request, await currentUser());
}
