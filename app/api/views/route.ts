import { currentUser } from "@/lib/auth/session";
import { viewsApi } from "@/lib/subscriptions/api";

/** GET: the caller's views and those shared with them; POST: save a view. */
export async function GET(request: Request) {
  return viewsApi(request, await currentUser());
}

export async function POST(request: Request) {
  return viewsApi(request, await currentUser());
}
