import "server-only";
import { z } from "zod";
import { canRun } from "../auth/access";
import { ROLES, type User } from "../auth/roles";
import { config } from "../db/config";
import { errorMessage, log } from "../log";
import { prepare } from "../reports/request";
import { parseTableState } from "../reports/table-state";
import { forViewer } from "../reports/types";
import { conditionProblem, conditionSchema } from "./condition";
import { checkSchedule } from "./cron";
import { runSubscription } from "./run";
import { checkWebhookUrl, outsideDomains, resolveWebhook } from "./safety";
import { NoStoreError } from "./store";
import { createSubscription, deleteSubscription, listSubscriptions, shown, subscriptionFor } from "./subscriptions";
import { parseViewUrl } from "./view-url";
import { changeView, createView, listViews } from "./views";

/**
 * The saved views and subscriptions API (README, "Saved views, subscriptions
 * and alerts"); the pages call the same endpoints. Bodies are JSON, checked
 * with zod; a bad field gets 400 naming it, as the report API does. A POST or
 * DELETE that a browser sends from another site is refused: the Origin (or
 * Sec-Fetch-Site) must be this server's own, and a POST must be JSON, which
 * a cross-site form cannot send.
 */
type Issue = { param: string; message: string };

export interface ApiRequest {
  method: string;
  headers: Headers;
  json(): Promise<unknown>;
}

const name = z.string({ error: "must be text" }).trim().min(1, { error: "must not be empty" }).max(200);

const viewInput = z.strictObject({
  name,
  url: z.string({ error: "must be a report page's path and query" }),
  shared: z
    .union(
      [
        z.null(),
        z.strictObject({
          role: z.enum(ROLES, { error: `must be one of: ${ROLES.join(", ")}` }),
          teams: z.array(z.int().positive()).min(1).max(100).optional(),
        }),
      ],
      { error: 'must be null (private) or { "role": "lead" }' },
    )
    .default(null),
});

const subscriptionInput = z.strictObject({
  name,
  url: z.string({ error: "must be a report page's path and query" }),
  schedule: z.string({ error: 'must be a 5-field cron expression, e.g. "0 8 * * 1"' }).trim().max(100),
  timezone: z
    .string()
    .trim()
    .refine(isTimeZone, { error: "must be an IANA time zone such as Europe/London" })
    .optional(),
  email: z
    .array(z.email({ error: "must be mail addresses" }))
    .min(1)
    .max(20)
    .optional(),
  webhook: z.string().trim().max(2_000).optional(),
  when: conditionSchema.nullable().optional(),
  allowOtherDomains: z.boolean().optional(),
});

export async function viewsApi(request: ApiRequest, user: User, id?: string): Promise<Response> {
  return guarded(request, async () => {
    if (request.method === "GET" && id === undefined) return Response.json(await listViews(user), noStore);
    if (request.method === "POST" && id === undefined) {
      const body = await bodyOf(request, viewInput);
      if (!body.ok) return body.response;
      const { name, url, shared } = body.value;
      const view = parseViewUrl(url);
      if (!view.ok) return invalid([{ param: "url", message: view.message }]);
      if (!canRun(user, view.view.report)) {
        return invalid([
          { param: "url", message: `is the ${view.view.report.id} report, which the ${user.role} role may not run` },
        ]);
      }
      if (shared?.teams && (user.role !== "lead" || shared.teams.some((t) => !user.teamIds.includes(t)))) {
        return invalid([{ param: "shared.teams", message: "may list only teams you lead" }]);
      }
      const saved = await createView({ name, url: view.view.url, shared }, user);
      return Response.json(saved, { status: 201, ...noStore });
    }
    if ((request.method === "DELETE" || request.method === "PATCH") && id !== undefined) {
      let change: { rename: string } | { delete: true } = { delete: true };
      if (request.method === "PATCH") {
        const body = await bodyOf(request, z.strictObject({ name }));
        if (!body.ok) return body.response;
        change = { rename: body.value.name };
      }
      const done = await changeView(id, user, change);
      if (done === "not_found") return failure(404, "not_found", "There is no such view.");
      if (done === "forbidden") return failure(403, "forbidden", "Only its owner may change a view.");
      return new Response(null, { status: 204 });
    }
    return failure(405, "method_not_allowed", `${request.method} is not answered here.`);
  });
}

export async function subscriptionsApi(
  request: ApiRequest,
  user: User,
  path: { id?: string; run?: boolean } = {},
): Promise<Response> {
  return guarded(request, async () => {
    const { id, run } = path;
    if (id === undefined) {
      if (request.method === "GET") return Response.json({ subscriptions: await listSubscriptions(user) }, noStore);
      if (request.method === "POST") return create(request, user);
      return failure(405, "method_not_allowed", `${request.method} is not answered here.`);
    }
    const sub = await subscriptionFor(id, user);
    if (!sub) return failure(404, "not_found", "There is no such subscription.");
    if (run && request.method === "POST")
      return Response.json(await runSubscription(sub.id, { askedBy: user }), noStore);
    if (!run && request.method === "GET") return Response.json(shown(sub), noStore);
    if (!run && request.method === "DELETE") {
      await deleteSubscription(sub.id);
      return new Response(null, { status: 204 });
    }
    return failure(405, "method_not_allowed", `${request.method} is not answered here.`);
  });
}

async function create(request: ApiRequest, user: User): Promise<Response> {
  const body = await bodyOf(request, subscriptionInput);
  if (!body.ok) return body.response;
  const input = body.value;
  const c = config();
  const timezone = input.timezone ?? c.LOOKBACK_TZ;
  const issues: Issue[] = [];
  const view = parseViewUrl(input.url);
  if (!view.ok) issues.push({ param: "url", message: view.message });
  else {
    const prepared = prepare(view.view.report.id, view.view.raw, user);
    if (prepared.kind === "forbidden") {
      issues.push({
        param: "url",
        message: `is the ${view.view.report.id} report, which the ${user.role} role may not run`,
      });
    } else if (prepared.kind === "invalid") {
      for (const i of prepared.issues)
        issues.push({ param: "url", message: `has a bad parameter: ${i.param} ${i.message}` });
    }
    if (prepared.kind !== "not_found") {
      // The view's table (its filters, sort and hidden columns) is what is sent: it must name the report's columns.
      const table = parseTableState(
        view.view.raw,
        forViewer(prepared.report, user).columns.map((c) => c.key),
      );
      for (const i of table.issues)
        issues.push({ param: "url", message: `has a bad parameter: ${i.param} ${i.message}` });
    }
    const problem = input.when ? conditionProblem(input.when, view.view.report) : undefined;
    if (problem) issues.push(problem);
  }
  const schedule = checkSchedule(input.schedule);
  if (!schedule.ok) issues.push({ param: "schedule", message: schedule.message });
  if ((input.email === undefined) === (input.webhook === undefined)) {
    issues.push({ param: "email", message: "give either email (a list of addresses) or webhook, one of the two" });
  }
  if (input.webhook !== undefined) {
    const checked = checkWebhookUrl(input.webhook, c.LOOKBACK_WEBHOOK_ALLOW);
    const resolved = checked.ok ? await resolveWebhook(checked.url, c.LOOKBACK_WEBHOOK_ALLOW) : undefined;
    if (!checked.ok) issues.push({ param: "webhook", message: checked.message });
    else if (resolved && !resolved.ok)
      issues.push({ param: "webhook", message: `cannot be used: ${resolved.message}` });
  }
  if (input.allowOtherDomains && user.role !== "manager") {
    issues.push({ param: "allowOtherDomains", message: "may be set only by a manager" });
  }
  if (input.email && !input.allowOtherDomains) {
    const outside = outsideDomains(input.email, c.LOOKBACK_MAIL_DOMAINS);
    if (outside.length > 0) {
      const domains = c.LOOKBACK_MAIL_DOMAINS.join(", ") || "(none configured)";
      issues.push({
        param: "email",
        message: `has ${outside.join(", ")}, outside the allowed domains (${domains}); a manager may allow it`,
      });
    }
  }
  if (issues.length > 0 || !view.ok) return invalid(issues);
  const groupsHeader = c.LOOKBACK_AUTH === "proxy" ? (request.headers.get(c.LOOKBACK_AUTH_GROUPS_HEADER) ?? "") : "";
  const row = await createSubscription(
    {
      name: input.name,
      url: view.view.url,
      schedule: input.schedule,
      timezone,
      email: input.email ?? null,
      allowOtherDomains: input.allowOtherDomains ?? false,
      webhook: input.webhook ?? null,
      when: input.when ?? null,
    },
    {
      login: user.login,
      demoRole: c.LOOKBACK_AUTH === "demo" ? user.role : null,
      groups: groupsHeader
        .split(/[,;]/)
        .map((g) => g.trim())
        .filter((g) => g !== "")
        .slice(0, 100),
    },
  );
  return Response.json(shown(row), { status: 201, ...noStore });
}

const noStore = { headers: { "cache-control": "no-store" } };

/** Refuses cross-site writes, answers 503 without our own database, and never leaks an unexpected error. */
async function guarded(request: ApiRequest, work: () => Promise<Response>): Promise<Response> {
  if (request.method !== "GET" && !sameOrigin(request.headers)) {
    return failure(403, "cross_site", "This request came from another site; Lookback refuses it.");
  }
  try {
    return await work();
  } catch (error) {
    if (error instanceof NoStoreError) return failure(503, "no_store", error.message);
    log.error({ err: errorMessage(error) }, "saved views / subscriptions API failed");
    return failure(500, "internal", "Lookback failed to answer; the server log has the details.");
  }
}

/** A browser's write from our own pages, or a script's (no Origin, no Sec-Fetch-Site). */
export function sameOrigin(headers: Headers): boolean {
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return false;
  const origin = headers.get("origin");
  if (!origin) return true;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  try {
    return host !== null && new URL(origin).host === host;
  } catch {
    return false;
  }
}

async function bodyOf<S extends z.ZodType>(
  request: ApiRequest,
  schema: S,
): Promise<{ ok: true; value: z.output<S> } | { ok: false; response: Response }> {
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    return {
      ok: false,
      response: invalid([{ param: "body", message: "must be JSON (Content-Type: application/json)" }]),
    };
  }
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    return { ok: false, response: invalid([{ param: "body", message: "is not valid JSON" }]) };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    response: invalid(
      parsed.error.issues.map((i) => ({ param: i.path.map(String).join(".") || "body", message: i.message })),
    ),
  };
}

function invalid(issues: Issue[]): Response {
  return failure(400, "invalid_params", "Bad request", issues);
}

function failure(status: number, code: string, message: string, issues?: Issue[]): Response {
  return Response.json({ error: { code, message, ...(issues ? { issues } : {}) } }, { status, ...noStore });
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
