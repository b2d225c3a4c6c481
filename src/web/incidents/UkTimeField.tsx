// A moment on the UK clock: a day and a time, turned into an instant (the clocks' changes handled by core/dates).
import { ukIsoDay, ukWallClockToInstant } from "../../core/dates";
import { Fieldset } from "../components/Fields";

export interface UkTime {
  day: string;
  time: string;
}

export const ukTimeOf = (d: Date): UkTime => ({
  day: ukIsoDay(d),
  time: new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(d),
});

/** The ISO instant the fields name, or "" when they do not name one (the API then says what is wrong). */
export const instantOf = (t: UkTime): string => ukWallClockToInstant(t.day, t.time)?.toISOString() ?? "";

export function UkTimeField({
  id,
  legend,
  value,
  onChange,
  error,
}: {
  id: string;
  legend: string;
  value: UkTime;
  onChange: (v: UkTime) => void;
  error?: string | undefined;
}) {
  return (
    <Fieldset id={id} legend={legend} hint="UK time." error={error} role="group">
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor={id}>
          Day
        </label>
        <input
          className="nhsuk-input nhsuk-input--width-10"
          id={id}
          type="date"
          value={value.day}
          onChange={(e) => onChange({ ...value, day: e.target.value })}
        />
      </div>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor={`${id}-time`}>
          Time
        </label>
        <input
          className="nhsuk-input nhsuk-input--width-5"
          id={`${id}-time`}
          type="time"
          value={value.time}
          onChange={(e) => onChange({ ...value, time: e.target.value })}
        />
      </div>
    </Fieldset>
  );
}
