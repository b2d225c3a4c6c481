import { useEffect, useRef } from "react";
import type { ApiError } from "../api";

export interface SummaryItem {
  /** The id of the field at fault; the link moves focus there. */
  fieldId?: string;
  message: string;
}

/**
 * The NHS error summary: receives focus when it appears so screen readers announce it,
 * and links each problem to its field.
 */
export function ErrorSummary({
  items,
  title = "There is a problem",
}: {
  items: SummaryItem[];
  title?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const signature = items.map((i) => `${i.fieldId ?? ""}:${i.message}`).join("|");
  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);
  if (items.length === 0) return null;
  return (
    <div className="nhsuk-error-summary" ref={ref} tabIndex={-1} aria-labelledby="error-summary-title">
      <div role="alert">
        <h2 className="nhsuk-error-summary__heading" id="error-summary-title">
          {title}
        </h2>
        <div className="nhsuk-error-summary__body">
          <ul className="nhsuk-list nhsuk-error-summary__list">
            {items.map((item, i) => (
              <li key={i}>
                {item.fieldId ? (
                  <a
                    href={`#${item.fieldId}`}
                    onClick={(e) => {
                      const target = document.getElementById(item.fieldId!);
                      if (!target) return;
                      e.preventDefault();
                      target.scrollIntoView({ block: "center" });
                      target.focus();
                    }}
                  >
                    {item.message}
                  </a>
                ) : (
                  item.message
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/**
 * Turns an API error into summary items: one per field the API named (linked to `${prefix}${field}`),
 * or the error's sentence alone when no field is at fault.
 */
export function summaryFromError(
  error: ApiError | null,
  prefix = "",
  knownFields: readonly string[] = [],
): SummaryItem[] {
  if (!error) return [];
  const fields = Object.entries(error.fields);
  if (fields.length === 0) return [{ message: error.message }];
  const items: SummaryItem[] = fields.map(([field, message]) =>
    knownFields.length === 0 || knownFields.includes(field)
      ? { fieldId: `${prefix}${field}`, message: fieldSentence(error.message, message, fields.length) }
      : { message: `${error.message} (${message})` },
  );
  return items;
}

// The API gives a sentence for the whole error and a short note per field ("Required."). With one field the
// sentence reads best in the summary; with several, each field's note is shown.
function fieldSentence(sentence: string, note: string, count: number): string {
  return count === 1 ? sentence : note;
}

/** The message to show beside one field, if the error names it. */
export function fieldError(error: ApiError | null, field: string): string | undefined {
  if (!error) return undefined;
  const note = error.fields[field];
  if (note === undefined) return undefined;
  return Object.keys(error.fields).length === 1 ? error.message : note;
}
