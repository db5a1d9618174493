"use client";

import Link from "next/link";
import { useId, useRef, useState } from "react";
import { callApi } from "./fetch-json";
import { useOnChange } from "./on-change";

/** Saves the page's URL as a view, with a name and whom to share it with. */
export function SaveViewButton({
  preset,
  leadTeams,
}: {
  preset?: { value: string; label: string };
  /** A lead may share with the leads of their own teams only. */
  leadTeams: number[];
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; said: string } | undefined>();
  // The keyboard follows the form: into its name when it opens, back to "Save view" when it closes.
  const button = useRef<HTMLButtonElement>(null);
  const name = useRef<HTMLInputElement>(null);
  useOnChange(open, (isOpen) => (isOpen ? name : button).current?.focus());
  async function save(form: FormData) {
    const url = new URL(window.location.href);
    if (preset && form.get("relative") === "on") {
      url.searchParams.delete("from");
      url.searchParams.delete("to");
      url.searchParams.set("preset", preset.value);
    }
    const role = String(form.get("share") ?? "");
    const result = await callApi("POST", "/api/views", {
      name: String(form.get("name") ?? ""),
      url: `${url.pathname}${url.search}`,
      shared: role === "" ? null : role === "my-teams" ? { role: "lead", teams: leadTeams } : { role },
    });
    setStatus({ ok: result.ok, said: result.ok ? "Saved." : `Not saved: ${result.said}` });
    if (result.ok) setOpen(false);
  }
  return (
    <div className="save-view">
      {!open && (
        <button ref={button} type="button" className="secondary" onClick={() => setOpen(true)}>
          Save view
        </button>
      )}
      {open && (
        <form
          action={save}
          className="toolbar"
          aria-label="Save this view"
          onKeyDown={(e) => {
            if (e.key === "Escape") setOpen(false);
          }}
        >
          <label htmlFor={`${id}-name`}>View name</label>
          <input ref={name} id={`${id}-name`} name="name" required maxLength={200} />
          <label htmlFor={`${id}-share`}>Share with</label>
          <select id={`${id}-share`} name="share" defaultValue="">
            <option value="">nobody (private)</option>
            <option value="manager">managers</option>
            <option value="lead">leads</option>
            <option value="tech">techs</option>
            {leadTeams.length > 0 && <option value="my-teams">leads of my teams ({leadTeams.join(", ")})</option>}
          </select>
          {preset && (
            <label>
              <input type="checkbox" name="relative" defaultChecked /> Keep the period relative ({preset.label})
            </label>
          )}
          <button type="submit">Save</button>
          <button type="button" className="secondary" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </form>
      )}
      {status && (
        <p role="status" className={status.ok ? "muted" : "error"}>
          {status.said} {status.ok && <Link href="/views">My views</Link>}
        </p>
      )}
    </div>
  );
}
