"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Turns a plain GET search form into a live one: 250 ms after the last
 * keystroke (or change of any field) the URL is replaced with the form's
 * values, so the server runs the search and the URL stays the whole state;
 * Enter searches at once. Without JavaScript the form still submits.
 * It attaches to the form by its input's id, so it can enhance the shared
 * report form as well as the certificate search page's own. Mounted after a
 * search (the shared page renders it with the results), it catches up with
 * whatever was typed while that search ran.
 */
export function LiveSearch({ inputId, delayMs = 250 }: { inputId: string; delayMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const form = document.getElementById(inputId)?.closest("form");
    if (!form) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const search = () => {
      clearTimeout(timer);
      const target = targetOf(form);
      if (target === currentUrl()) router.refresh();
      else router.replace(target, { scroll: false });
    };
    const onInput = () => {
      clearTimeout(timer);
      timer = setTimeout(search, delayMs);
    };
    const onSubmit = (event: SubmitEvent) => {
      event.preventDefault();
      search();
    };
    form.addEventListener("input", onInput);
    form.addEventListener("submit", onSubmit);
    if (targetOf(form) !== currentUrl()) onInput();
    return () => {
      clearTimeout(timer);
      form.removeEventListener("input", onInput);
      form.removeEventListener("submit", onSubmit);
    };
  }, [inputId, delayMs, router]);
  return null;
}

function currentUrl(): string {
  return withQuery(window.location.pathname, new URLSearchParams(window.location.search));
}

/** What submitting the form would load: its action with its non-empty values, trimmed as the server reads them. */
function targetOf(form: HTMLFormElement): string {
  const search = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (typeof value === "string" && value.trim() !== "") search.append(name, value.trim());
  }
  return withQuery(new URL(form.action, window.location.href).pathname, search);
}

/** Keys sorted, so that two URLs that ask the same compare equal. */
function withQuery(pathname: string, search: URLSearchParams): string {
  search.sort();
  const query = search.toString();
  return query === "" ? pathname : `${pathname}?${query}`;
}
