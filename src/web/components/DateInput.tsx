// The NHS date input: day, month and year in three boxes inside a fieldset, with a hint and one error for
// the whole date (https://service-manual.nhs.uk/design-system/components/date-input).
import type { ReactNode } from "react";
import { Fieldset } from "./Fields";

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export function DateInput({
  id,
  legend,
  hint,
  error,
  value,
  onChange,
}: {
  id: string;
  legend: string;
  hint?: ReactNode;
  error?: string | undefined;
  value: DateParts;
  onChange: (value: DateParts) => void;
}) {
  const box = (part: keyof DateParts, label: string, width: "2" | "4") => (
    <div className="nhsuk-date-input__item">
      <div className="nhsuk-form-group">
        <label
          className="nhsuk-label nhsuk-date-input__label"
          htmlFor={part === "day" ? id : `${id}-${part}`}
        >
          {label}
        </label>
        <input
          className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${width}${error ? " nhsuk-input--error" : ""}`}
          id={part === "day" ? id : `${id}-${part}`}
          name={`${id}-${part}`}
          type="text"
          inputMode="numeric"
          {...(error ? { "aria-invalid": true as const } : {})}
          value={value[part]}
          onChange={(e) => onChange({ ...value, [part]: e.target.value })}
        />
      </div>
    </div>
  );
  return (
    <Fieldset id={id} legend={legend} hint={hint} error={error} role="group">
      <div className="nhsuk-date-input">
        {box("day", "Day", "2")}
        {box("month", "Month", "2")}
        {box("year", "Year", "4")}
      </div>
    </Fieldset>
  );
}
