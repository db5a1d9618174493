import type { z } from "zod";
import { parseInstant } from "../params/fields";
import type { ParamIssue } from "../params/parse";
import { PRESETS, type Preset, presetOf, resolvePreset } from "../params/presets";
import { formFields, type ParamMeta } from "../params/ui";
import type { EntityOptions } from "../reports/options";
import { EntityPicker } from "./EntityPicker";
import { localInputValue } from "./local-input";
import { PeriodSelect } from "./PeriodSelect";

interface Props {
  action: string;
  schema: z.ZodType;
  /** The values to show: the parsed parameters when valid, else what was typed. */
  values: Record<string, unknown>;
  issues: ParamIssue[];
  /** The tech, team and queue lists, cut to what the user may see, and the customers chosen (formOptions). */
  options: EntityOptions | undefined;
  timeZone: string;
  /** "Now", for the Period select's presets; the request's own instant when the page has one. */
  now?: Date;
}

/**
 * The report's form, generated from its zod schema: a plain GET form, so it
 * works before JavaScript loads and the URL is always the whole state. Every
 * instant field is read and shown in the reporting zone, and says so.
 */
export function ParamForm({ action, schema, values, issues, options, timeZone, now = new Date() }: Props) {
  const fields = formFields(schema);
  const hasRange = fields.some((f) => f.name === "from") && fields.some((f) => f.name === "to");
  const errorOf = (name: string) => issues.filter((i) => i.param === name).map((i) => i.message);
  const unplaced = issues.filter((i) => i.param !== "preset" && !fields.some((f) => f.name === i.param));
  const presetErrors = errorOf("preset");
  // After a run the URL holds dates only; the select shows the preset that gives them today.
  const typedPreset = typeof values.preset === "string" && values.preset in PRESETS ? values.preset : undefined;
  const selected = typedPreset ?? presetOf(values, now, timeZone) ?? "";
  return (
    <form method="get" action={action} className="param-form" aria-label="Report parameters">
      {hasRange && (
        <div className={`field${presetErrors.length ? " invalid" : ""}`}>
          <label htmlFor="param-preset">Period</label>
          <PeriodSelect
            presets={(Object.entries(PRESETS) as [Preset, string][]).map(([value, label]) => ({
              value,
              label,
              ...resolvePreset(value, now, timeZone),
            }))}
            selected={selected}
            shown={{ from: text(values.from), to: text(values.to) }}
            describedBy={presetErrors.length ? "param-preset-error" : undefined}
          />
          {presetErrors.length > 0 && (
            <span id="param-preset-error" className="field-error" role="alert">
              {presetErrors.join("; ")}
            </span>
          )}
        </div>
      )}
      {fields.map(({ name, meta, description }) => {
        const errors = errorOf(name);
        const id = `param-${name}`;
        // A list that takes several says how, where touch users see it too (a tooltip is mouse-only).
        const hint = meta.kind === "entity" && meta.multiple ? "None chosen: all. Ctrl or ⌘ picks several." : undefined;
        const describedBy = [errors.length ? `${id}-error` : "", hint ? `${id}-hint` : ""].filter(Boolean).join(" ");
        return (
          <div key={name} className={`field${errors.length ? " invalid" : ""}`}>
            <label htmlFor={id}>{fieldLabel(meta, timeZone)}</label>
            <Input
              id={id}
              name={name}
              meta={meta}
              value={values[name]}
              invalid={errors.length > 0}
              options={options}
              timeZone={timeZone}
              describedBy={describedBy || undefined}
              title={description}
            />
            {hint && (
              <span id={`${id}-hint`} className="field-hint">
                {hint}
              </span>
            )}
            {errors.length > 0 && (
              <span id={`${id}-error`} className="field-error" role="alert">
                {meta.label} {errors.join("; ")}
              </span>
            )}
          </div>
        );
      })}
      <button type="submit">Run</button>
      <FieldHelp fields={fields} timeZone={timeZone} />
      {unplaced.map((i) => (
        <p key={`${i.param}:${i.message}`} className="field-error" role="alert">
          {i.param}: {i.message}
        </p>
      ))}
    </form>
  );
}

/** A field's label as the form shows it: an instant names the zone it is read in. */
function fieldLabel(meta: ParamMeta, timeZone: string): string {
  return meta.kind === "instant" ? `${meta.label} (${timeZone})` : meta.label;
}

/**
 * What each field means, in words anyone can open: the same text as each field's tooltip, which only a
 * mouse shows (not a phone, not a keyboard). Closed by default, so the form stays one calm line.
 */
function FieldHelp({ fields, timeZone }: { fields: ReturnType<typeof formFields>; timeZone: string }) {
  const described = fields.filter((f) => f.description);
  if (described.length === 0) return null;
  return (
    <details className="field-help">
      <summary>About these fields</summary>
      <dl>
        {described.map(({ name, meta, description }) => (
          <div key={name}>
            <dt>{fieldLabel(meta, timeZone)}</dt>
            <dd>{description}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function Input({
  id,
  name,
  meta,
  value,
  invalid,
  options,
  timeZone,
  describedBy,
  title,
}: {
  id: string;
  name: string;
  meta: ParamMeta;
  value: unknown;
  invalid: boolean;
  options: EntityOptions | undefined;
  timeZone: string;
  describedBy?: string;
  title?: string;
}) {
  const common = { id, name, "aria-describedby": describedBy, "aria-invalid": invalid || undefined, title };
  // A date or time input cannot hold a value it does not understand: a bad one is shown as typed, in a
  // text box, beside its error, so the person fixes what they wrote instead of retyping it.
  if (invalid && (meta.kind === "date" || meta.kind === "instant")) {
    return <input {...common} type="text" defaultValue={text(value)} autoComplete="off" />;
  }
  switch (meta.kind) {
    case "date":
      return <input {...common} type="date" defaultValue={text(value)} />;
    case "instant":
      return (
        <input
          {...common}
          type="datetime-local"
          step={1}
          defaultValue={instantInput(value, timeZone)}
          title={`${title ?? ""} (${timeZone})`}
        />
      );
    case "choice":
      return (
        <select {...common} defaultValue={text(value)}>
          {meta.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    case "entity": {
      const list = options?.[meta.entity];
      if (!list)
        return <input {...common} type="number" min={1} defaultValue={text(value)} placeholder={`${meta.entity} id`} />;
      if (meta.multiple) {
        const selected = (Array.isArray(value) ? value : []).map(String);
        return (
          <select {...common} multiple defaultValue={selected}>
            {list.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        );
      }
      if (meta.entity === "tech" || meta.entity === "customer" || list.length > PICKER_FROM) {
        return (
          <EntityPicker
            id={id}
            name={name}
            entity={meta.entity}
            chosen={list.find((o) => o.value === text(value))}
            invalid={invalid}
            describedBy={describedBy}
            title={title}
          />
        );
      }
      return (
        <select {...common} defaultValue={text(value)}>
          <option value="">Any {meta.entity}</option>
          {list.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    }
    case "integer":
      return <input {...common} type="number" defaultValue={text(value)} />;
    default:
      return (
        <input
          {...common}
          type="search"
          defaultValue={text(value)}
          placeholder={meta.placeholder}
          autoFocus={meta.autoFocus}
          maxLength={meta.maxLength}
          autoComplete="off"
        />
      );
  }
}

/**
 * From how many choices a single choice is searched rather than listed. Techs are always searched: theirs is
 * the list that grows with the shop (1,349 at bench scale 36 weighed 190 KB on every page that offered them).
 * Customers too, and in the helpdesk itself: the form's list holds only the one chosen, for its name.
 */
const PICKER_FROM = 200;

const text = (v: unknown) => (v === undefined || v === null ? "" : String(v));

/** An instant as a datetime-local input holds it: in the reporting zone, whether parsed or still as typed in the URL. */
function instantInput(value: unknown, timeZone: string): string {
  const date = value instanceof Date ? value : parseInstant(text(value), timeZone);
  return date ? localInputValue(date, timeZone) : text(value);
}
