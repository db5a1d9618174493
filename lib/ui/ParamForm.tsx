import type { z } from "zod";
import type { ParamIssue } from "../params/parse";
import { PRESETS } from "../params/presets";
import { formFields, type ParamMeta } from "../params/ui";
import type { EntityOptions } from "../reports/options";
import { localInputValue } from "./local-input";

interface Props {
  action: string;
  schema: z.ZodType;
  /** The values to show: the parsed parameters when valid, else what was typed. */
  values: Record<string, unknown>;
  issues: ParamIssue[];
  options: EntityOptions | undefined;
  timeZone: string;
}

/**
 * The report's form, generated from its zod schema: a plain GET form, so it
 * works before JavaScript loads and the URL is always the whole state.
 */
export function ParamForm({ action, schema, values, issues, options, timeZone }: Props) {
  const fields = formFields(schema);
  const hasRange = fields.some((f) => f.name === "from") && fields.some((f) => f.name === "to");
  const errorOf = (name: string) => issues.filter((i) => i.param === name).map((i) => i.message);
  const unplaced = issues.filter((i) => !fields.some((f) => f.name === i.param));
  return (
    <form method="get" action={action} className="param-form" aria-label="Report parameters">
      {hasRange && (
        <div className="field">
          <label htmlFor="param-preset">Period</label>
          <select id="param-preset" name="preset" defaultValue="">
            <option value="">Custom dates</option>
            {Object.entries(PRESETS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      )}
      {fields.map(({ name, meta, description }) => {
        const errors = errorOf(name);
        const id = `param-${name}`;
        return (
          <div key={name} className={`field${errors.length ? " invalid" : ""}`}>
            <label htmlFor={id}>{meta.label}</label>
            <Input
              id={id}
              name={name}
              meta={meta}
              value={values[name]}
              options={options}
              timeZone={timeZone}
              describedBy={errors.length ? `${id}-error` : undefined}
              title={description}
            />
            {errors.length > 0 && (
              <span id={`${id}-error`} className="field-error" role="alert">
                {meta.label} {errors.join("; ")}
              </span>
            )}
          </div>
        );
      })}
      <button type="submit">Run</button>
      {unplaced.map((i) => (
        <p key={`${i.param}:${i.message}`} className="field-error" role="alert">
          {i.param}: {i.message}
        </p>
      ))}
    </form>
  );
}

function Input({
  id,
  name,
  meta,
  value,
  options,
  timeZone,
  describedBy,
  title,
}: {
  id: string;
  name: string;
  meta: ParamMeta;
  value: unknown;
  options: EntityOptions | undefined;
  timeZone: string;
  describedBy?: string;
  title?: string;
}) {
  const common = { id, name, "aria-describedby": describedBy, title };
  switch (meta.kind) {
    case "date":
      return <input {...common} type="date" defaultValue={text(value)} />;
    case "instant":
      return (
        <input
          {...common}
          type="datetime-local"
          step={1}
          defaultValue={value instanceof Date ? localInputValue(value, timeZone) : text(value)}
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

const text = (v: unknown) => (v === undefined || v === null ? "" : String(v));
