"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { callApi } from "./fetch-json";
import { useOnChange } from "./on-change";

/**
 * A new subscription or alert: a saved view (or a starter's), a schedule
 * (the usual choices, or cron), where it goes, and optionally a condition.
 */
export interface ViewChoice {
  name: string;
  url: string;
}

export interface StarterChoice extends ViewChoice {
  id: string;
  description: string;
  when: Record<string, unknown>;
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export function SubscriptionForm({
  views,
  starters,
  timeZone,
}: {
  views: ViewChoice[];
  starters: StarterChoice[];
  timeZone: string;
}) {
  const id = useId();
  const router = useRouter();
  const [starter, setStarter] = useState<StarterChoice | undefined>();
  const [every, setEvery] = useState("day");
  const [target, setTarget] = useState("email");
  const [error, setError] = useState("");
  // Choosing a starter (or leaving it) fills the form below: the focus, and the screen, go to its first field.
  const name = useRef<HTMLInputElement>(null);
  useOnChange(starter, () => name.current?.focus());
  const noView = !starter && views.length === 0;
  // The zones this browser knows, offered as suggestions (any IANA name may still be typed). Filled after
  // hydration: the server's list (Node's ICU) and the browser's may differ by a zone or two.
  const [zones, setZones] = useState<string[]>([]);
  useEffect(() => setZones(Intl.supportedValuesOf("timeZone")), []);
  const f = (name: string) => `${id}-${name}`;

  async function submit(form: FormData) {
    const get = (k: string) => String(form.get(k) ?? "").trim();
    const [h, m] = (get("time") || "08:00").split(":").map(Number);
    const schedule =
      every === "cron"
        ? get("cron")
        : every === "week"
          ? `${m} ${h} * * ${get("weekday")}`
          : every === "month"
            ? `${m} ${h} 1 * *`
            : `${m} ${h} * * *`;
    const when = starter ? starter.when : conditionOf(get);
    const result = await callApi("POST", "/api/subscriptions", {
      name: get("name"),
      url: starter ? starter.url : get("view"),
      schedule,
      timezone: get("timezone"),
      ...(target === "email"
        ? {
            email: get("email")
              .split(/[,\s]+/)
              .filter((a) => a !== ""),
          }
        : { webhook: get("webhook") }),
      ...(when ? { when } : {}),
    });
    if (!result.ok) {
      setError(`Not created: ${result.said}`);
      return;
    }
    router.push(`/subscriptions/${(result.json as { id: string }).id}`);
  }

  return (
    <>
      {starters.length > 0 && (
        <section aria-labelledby={f("starters")}>
          <h2 id={f("starters")}>Starter alerts</h2>
          <ul className="catalog-list">
            {starters.map((s) => (
              <li key={s.id}>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setStarter(s)}
                  aria-pressed={starter?.id === s.id}
                >
                  Use: {s.name}
                </button>
                <p>{s.description}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      <form action={submit} className="param-form subscription-form" aria-labelledby={f("title")}>
        <h2 id={f("title")}>{starter ? `New alert: ${starter.name}` : "New subscription"}</h2>
        <div className="field">
          <label htmlFor={f("name")}>Name</label>
          <input
            ref={name}
            id={f("name")}
            name="name"
            required
            maxLength={200}
            defaultValue={starter?.name}
            key={starter?.id}
          />
        </div>
        {starter ? (
          <p className="muted">
            View: <a href={starter.url}>{starter.url}</a>{" "}
            <button type="button" className="secondary" onClick={() => setStarter(undefined)}>
              Choose a saved view instead
            </button>
          </p>
        ) : noView ? (
          <p className="muted">
            No saved view yet: save one with “Save view” on any <Link href="/">report</Link>, or use a starter alert.
          </p>
        ) : (
          <div className="field">
            <label htmlFor={f("view")}>Saved view</label>
            <select id={f("view")} name="view" required>
              {views.map((v) => (
                <option key={v.url} value={v.url}>
                  {v.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={f("every")}>Send</label>
          <select id={f("every")} value={every} onChange={(e) => setEvery(e.target.value)}>
            <option value="day">every day</option>
            <option value="week">every week</option>
            <option value="month">on the first of each month</option>
            <option value="cron">on a cron schedule</option>
          </select>
        </div>
        {every === "week" && (
          <div className="field">
            <label htmlFor={f("weekday")}>On</label>
            <select id={f("weekday")} name="weekday" defaultValue="1">
              {WEEKDAYS.map((d, i) => (
                <option key={d} value={i}>
                  {d}
                </option>
              ))}
            </select>
          </div>
        )}
        {every === "cron" ? (
          <div className="field">
            <label htmlFor={f("cron")}>Cron (minute hour day month weekday)</label>
            <input id={f("cron")} name="cron" required placeholder="0 8 * * 1-5" />
          </div>
        ) : (
          <div className="field">
            <label htmlFor={f("time")}>At</label>
            <input id={f("time")} name="time" type="time" required defaultValue="08:00" />
          </div>
        )}
        <div className="field">
          <label htmlFor={f("timezone")}>In the time zone</label>
          <input id={f("timezone")} name="timezone" list={f("zones")} required defaultValue={timeZone} />
          <datalist id={f("zones")}>
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </div>
        <fieldset className="field">
          <legend>Deliver to</legend>
          <label>
            <input type="radio" name="target" checked={target === "email"} onChange={() => setTarget("email")} /> Email
          </label>
          <label>
            <input type="radio" name="target" checked={target === "webhook"} onChange={() => setTarget("webhook")} />{" "}
            Chat webhook (Slack, Teams, Mattermost)
          </label>
        </fieldset>
        {target === "email" ? (
          <div className="field">
            <label htmlFor={f("email")}>Addresses (comma-separated)</label>
            <input id={f("email")} name="email" required />
          </div>
        ) : (
          <div className="field">
            <label htmlFor={f("webhook")}>Webhook URL</label>
            <input id={f("webhook")} name="webhook" type="url" required />
          </div>
        )}
        {!starter && <ConditionFields f={f} />}
        <button type="submit" disabled={noView}>
          Create
        </button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
    </>
  );
}

function ConditionFields({ f }: { f: (name: string) => string }) {
  const [kind, setKind] = useState("none");
  return (
    <>
      <div className="field">
        <label htmlFor={f("when")}>Only when</label>
        <select id={f("when")} name="when" value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="none">always send (no condition)</option>
          <option value="rows">the number of rows is…</option>
          <option value="sum">a column's total is…</option>
          <option value="any">any row's value is…</option>
        </select>
      </div>
      {kind !== "none" && (
        <>
          {kind !== "rows" && (
            <div className="field">
              <label htmlFor={f("column")}>Column (its key, e.g. margin)</label>
              <input id={f("column")} name="column" required />
            </div>
          )}
          <div className="field">
            <label htmlFor={f("op")}>Is</label>
            <select id={f("op")} name="op" defaultValue=">">
              <option value=">">above</option>
              <option value=">=">at least</option>
              <option value="<">below</option>
              <option value="<=">at most</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={f("value")}>Threshold</label>
            <input id={f("value")} name="value" required inputMode="decimal" defaultValue="0" />
          </div>
        </>
      )}
    </>
  );
}

function conditionOf(get: (k: string) => string): Record<string, unknown> | undefined {
  const kind = get("when");
  if (kind === "rows") return { rows: get("op"), value: Number(get("value")) };
  if (kind === "sum" || kind === "any")
    return { column: get("column"), aggregate: kind, op: get("op"), value: get("value") };
  return undefined;
}
