import type { ReactNode } from "react";

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: "text" | "email" | "password";
  hint?: ReactNode;
  error?: string | undefined;
  autoComplete?: string;
  /** nhsuk width class suffix, e.g. "20" for nhsuk-input--width-20. */
  width?: "10" | "20" | "30";
  name?: string;
  required?: boolean;
}

/**
 * A labelled form group (NHS pattern): the label, its hint and its error beside the field. The field itself is
 * rendered by `children`, which receives the ids to put in aria-describedby and whether it is in error.
 */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error: string | undefined;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}) {
  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <span className="nhsuk-error-message" id={`${id}-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      ) : null}
      {children(describedBy, !!error)}
    </div>
  );
}

/** The aria attributes a field inside `Field` needs. */
export const fieldAria = (describedBy: string | undefined, invalid: boolean) => ({
  ...(describedBy ? { "aria-describedby": describedBy } : {}),
  ...(invalid ? { "aria-invalid": true as const } : {}),
});

/** A labelled text input with its hint and its error beside it (NHS input pattern). */
export function TextField({
  id,
  label,
  value,
  onChange,
  type = "text",
  hint,
  error,
  autoComplete,
  width,
  name,
  required,
}: TextFieldProps) {
  const classes = [
    "nhsuk-input",
    width ? `nhsuk-input--width-${width}` : null,
    error ? "nhsuk-input--error" : null,
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(describedBy, invalid) => (
        <input
          className={classes}
          id={id}
          name={name ?? id}
          type={type}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          spellCheck={false}
          {...(autoComplete ? { autoComplete } : {})}
          {...fieldAria(describedBy, invalid)}
          {...(required ? { required: true, "aria-required": true } : {})}
        />
      )}
    </Field>
  );
}

/**
 * A group of inputs under one legend (NHS fieldset pattern), with the group's hint and its one error; used by
 * the checkboxes and the date input. `role="group"` where the NHS pattern asks for it (the date input).
 */
export function Fieldset({
  id,
  legend,
  hint,
  error,
  role,
  children,
}: {
  id: string;
  legend: string;
  hint?: ReactNode;
  error?: string | undefined;
  role?: "group";
  children: ReactNode;
}) {
  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`nhsuk-form-group${error ? " nhsuk-form-group--error" : ""}`}>
      <fieldset
        className="nhsuk-fieldset"
        {...(role ? { role } : {})}
        {...(describedBy ? { "aria-describedby": describedBy } : {})}
      >
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        {hint ? (
          <div className="nhsuk-hint" id={`${id}-hint`}>
            {hint}
          </div>
        ) : null}
        {error ? (
          <span className="nhsuk-error-message" id={`${id}-error`}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </span>
        ) : null}
        {children}
      </fieldset>
    </div>
  );
}

interface CheckboxesProps<T extends string> {
  /** Prefix of every checkbox id; the first checkbox's id is exactly this, so error links can reach it. */
  id: string;
  legend: string;
  options: { value: T; label: string }[];
  values: readonly T[];
  onChange: (values: T[]) => void;
  hint?: string;
  error?: string | undefined;
}

/** A fieldset of checkboxes with legend, hint and error (NHS checkboxes pattern). */
export function Checkboxes<T extends string>({
  id,
  legend,
  options,
  values,
  onChange,
  hint,
  error,
}: CheckboxesProps<T>) {
  return (
    <Fieldset id={id} legend={legend} hint={hint} error={error}>
      <div className="nhsuk-checkboxes">
        {options.map((option, i) => {
          const optionId = i === 0 ? id : `${id}-${i + 1}`;
          const checked = values.includes(option.value);
          return (
            <div className="nhsuk-checkboxes__item" key={option.value}>
              <input
                className="nhsuk-checkboxes__input"
                id={optionId}
                name={id}
                type="checkbox"
                value={option.value}
                checked={checked}
                onChange={() =>
                  onChange(checked ? values.filter((v) => v !== option.value) : [...values, option.value])
                }
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={optionId}>
                {option.label}
              </label>
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}

/** The NHS primary (or secondary / warning) button. */
export function Button({
  children,
  variant,
  busy,
  type = "submit",
  onClick,
  expanded,
  autoFocus,
}: {
  children: ReactNode;
  variant?: "secondary" | "warning" | "reverse";
  busy?: boolean;
  type?: "submit" | "button";
  onClick?: () => void;
  /** For a button that opens a panel below it (aria-expanded). */
  expanded?: boolean;
  autoFocus?: boolean;
}) {
  return (
    <button
      className={`nhsuk-button${variant ? ` nhsuk-button--${variant}` : ""}`}
      type={type}
      disabled={busy}
      aria-disabled={busy ? true : undefined}
      aria-expanded={expanded}
      autoFocus={autoFocus}
      {...(onClick ? { onClick } : {})}
    >
      {children}
    </button>
  );
}
