"use client";

import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import type { Entity } from "../params/ui";

interface Option {
  value: string;
  label: string;
}

interface Props {
  id: string;
  name: string;
  entity: Entity;
  /** The chosen one, if any: the only name the page carries. */
  chosen?: Option;
  invalid: boolean;
  describedBy?: string;
  title?: string;
}

/**
 * A searchable choice for lists too long for a select (a shop's thousand
 * techs): a combobox (WAI-ARIA 1.2, list autocomplete) that asks
 * /api/options/<entity> for the names matching what is typed, so the page
 * carries only the chosen one. The form sends the chosen id in a hidden
 * field; an empty box means "any". Keys: ↓/↑ move, Enter chooses (the
 * first match when none is highlighted), Escape closes and puts back the
 * chosen name. Without JavaScript the box keeps the chosen one.
 */
export function EntityPicker({ id, name, entity, chosen, invalid, describedBy, title }: Props) {
  const [picked, setPicked] = useState<Option | undefined>(chosen);
  const [text, setText] = useState(chosen?.label ?? "");
  const [open, setOpen] = useState(false);
  const [found, setFound] = useState<Found>();
  const [active, setActive] = useState(-1);
  const listId = useId();
  const hintId = useId();
  const asked = useRef<AbortController | undefined>(undefined);

  // Ask for the names matching the box, a moment after the last key, dropping any older question.
  useEffect(() => {
    if (!open) return;
    const timer = setTimeout(() => {
      asked.current?.abort();
      const controller = new AbortController();
      asked.current = controller;
      const query = text === picked?.label ? "" : text;
      fetch(`/api/options/${entity}?q=${encodeURIComponent(query)}`, { signal: controller.signal })
        .then(async (r) => {
          const body = await r.json();
          setFound(
            r.ok
              ? { ...body, text }
              : { options: [], more: false, text, failed: body.error?.message ?? "The search failed." },
          );
          setActive(-1);
        })
        .catch((e) => {
          if (!controller.signal.aborted) setFound({ options: [], more: false, text, failed: String(e.message ?? e) });
        });
    }, 120);
    return () => clearTimeout(timer);
  }, [open, text, picked, entity]);

  const choose = (option: Option | undefined) => {
    setPicked(option);
    setText(option?.label ?? "");
    setOpen(false);
  };
  const close = () => {
    setOpen(false);
    setText(picked?.label ?? "");
  };
  const options = open ? (found?.options ?? []) : [];
  const typed = text !== (picked?.label ?? "") && found?.text === text;

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) return setOpen(true);
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (options.length === 0 ? -1 : (i + step + options.length) % options.length));
    } else if (e.key === "Enter" && open && options.length > 0 && (active >= 0 || typed)) {
      // Enter takes the highlighted name, or the first match of what was typed (once the list is for it);
      // Enter again runs the report.
      e.preventDefault();
      choose(options[Math.max(active, 0)]);
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      close();
    }
  };

  return (
    <div className="picker">
      <input
        id={id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
        aria-describedby={[describedBy, hintId].filter(Boolean).join(" ")}
        aria-invalid={invalid || undefined}
        title={title}
        autoComplete="off"
        placeholder={`Any ${entity}`}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          // An emptied box is "any"; anything else typed counts only once a name is chosen.
          if (e.target.value.trim() === "") setPicked(undefined);
        }}
        onFocus={() => setOpen(true)}
        onBlur={close}
        onKeyDown={onKeyDown}
      />
      <input type="hidden" name={name} value={picked?.value ?? ""} />
      <span id={hintId} className="sr-only">
        Type part of a name, then choose from the list. Empty means any {entity}.
      </span>
      <div
        id={listId}
        role="listbox"
        aria-label={`Matching ${entity}s`}
        className="picker-list"
        hidden={options.length === 0}
      >
        {options.map((o, i) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the keys are the combobox's (aria-activedescendant): focus never leaves the box
          <div
            key={o.value}
            id={`${listId}-${i}`}
            role="option"
            tabIndex={-1}
            aria-selected={i === active}
            // Keep the focus in the box: the click chooses, then the box's blur has nothing to undo.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(o)}
          >
            {o.label}
          </div>
        ))}
      </div>
      <span role="status" className="sr-only">
        {open && found ? statusOf(found, entity) : ""}
      </span>
      {open && found?.more && <span className="picker-more">More match: type more of the name.</span>}
      {open && found?.failed && <span className="field-error">{found.failed}</span>}
    </div>
  );
}

interface Found {
  options: Option[];
  more: boolean;
  /** What the box held when this was asked. */
  text: string;
  failed?: string;
}

function statusOf(found: Found, entity: string): string {
  if (found.failed) return found.failed;
  if (found.options.length === 0) return `No ${entity} matches.`;
  const n = found.options.length;
  return found.more ? `First ${n} matches; type more to narrow.` : `${n} ${n === 1 ? "match" : "matches"}.`;
}
