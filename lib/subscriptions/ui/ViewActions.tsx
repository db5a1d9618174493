"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { callApi } from "./fetch-json";

/** Rename or delete one of your own views. */
export function ViewActions({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const field = useId();
  const [error, setError] = useState("");
  async function rename(form: FormData) {
    const result = await callApi("PATCH", `/api/views/${id}`, { name: String(form.get("name") ?? "") });
    setError(result.ok ? "" : `Not renamed: ${result.said}`);
    if (result.ok) router.refresh();
  }
  async function remove() {
    const result = await callApi("DELETE", `/api/views/${id}`);
    setError(result.ok ? "" : `Not deleted: ${result.said}`);
    if (result.ok) router.refresh();
  }
  return (
    <>
      <form action={rename} className="toolbar" aria-label={`Rename ${name}`}>
        <label htmlFor={field} className="muted">
          New name
        </label>
        <input id={field} name="name" defaultValue={name} required maxLength={200} />
        <button type="submit" className="secondary">
          Rename
        </button>
        <button type="button" className="secondary" onClick={remove} aria-label={`Delete ${name}`}>
          Delete
        </button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </>
  );
}
