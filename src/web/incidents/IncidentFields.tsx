// Form controls the incident pages need beyond the shared ones: a text area, a select and radios (NHS patterns).
import type { ReactNode } from "react";
import { Field, fieldAria, Fieldset } from "../components/Fields";

export function TextArea(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  hint?: ReactNode;
  error?: string | undefined;
  rows?: number;
}) {
  return (
    <Field id={props.id} label={props.label} hint={props.hint} error={props.error}>
      {(describedBy, invalid) => (
        <textarea
          className={`nhsuk-textarea${invalid ? " nhsuk-textarea--error" : ""}`}
          id={props.id}
          name={props.id}
          rows={props.rows ?? 4}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          {...fieldAria(describedBy, invalid)}
        />
      )}
    </Field>
  );
}

export function Select<T extends string>(props: {
  id: string;
  label: string;
  value: T | "";
  options: { value: T; label: string }[];
  onChange: (v: T) => void;
  error?: string | undefined;
  hint?: ReactNode;
  placeholder?: string;
}) {
  return (
    <Field id={props.id} label={props.label} hint={props.hint} error={props.error}>
      {(describedBy, invalid) => (
        <select
          className={`nhsuk-select${invalid ? " nhsuk-select--error" : ""}`}
          id={props.id}
          name={props.id}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value as T)}
          {...fieldAria(describedBy, invalid)}
        >
          {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function Radios<T extends string>(props: {
  id: string;
  legend: string;
  value: T | "";
  options: { value: T; label: string }[];
  onChange: (v: T) => void;
  error?: string | undefined;
}) {
  return (
    <Fieldset id={props.id} legend={props.legend} error={props.error}>
      <div className="nhsuk-radios">
        {props.options.map((o, i) => {
          const optionId = i === 0 ? props.id : `${props.id}-${i + 1}`;
          return (
            <div className="nhsuk-radios__item" key={o.value}>
              <input
                className="nhsuk-radios__input"
                id={optionId}
                name={props.id}
                type="radio"
                value={o.value}
                checked={props.value === o.value}
                onChange={() => props.onChange(o.value)}
              />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor={optionId}>
                {o.label}
              </label>
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}
