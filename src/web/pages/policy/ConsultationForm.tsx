// "Send for consultation" with its closing date: two weeks ahead unless the admin types another (NHS date input).
import { useState } from "react";
import { DateInput, type DateParts } from "../../components/DateInput";
import { addDays, formatUkDate, fromDateParts, toDateParts, ukIsoDay } from "../../../core/dates";
import { CONSULTATION_DAYS } from "../../../core/policy/consultation";

export function ConsultationForm({
  busy,
  serverError,
  onSend,
}: {
  busy: boolean;
  /** The API's message when it refused the closing date. */
  serverError?: string | undefined;
  onSend: (closesOn: string) => void;
}) {
  const [parts, setParts] = useState<DateParts>(() =>
    toDateParts(addDays(ukIsoDay(new Date()), CONSULTATION_DAYS)),
  );
  const [error, setError] = useState<string | undefined>();
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const r = fromDateParts(parts, "The closing date");
        if (!r.ok) {
          setError(r.message);
          return;
        }
        setError(undefined);
        onSend(r.day);
      }}
    >
      <DateInput
        id="closes-on"
        legend="Closing date for comments"
        hint={`Staff are mailed and can comment until the end of this day. Two weeks from today is ${formatUkDate(addDays(ukIsoDay(new Date()), CONSULTATION_DAYS))}. For example, 21 11 2027.`}
        error={error ?? serverError}
        value={parts}
        onChange={setParts}
      />
      <button className="nhsuk-button" type="submit" disabled={busy}>
        Send for consultation
      </button>
    </form>
  );
}
