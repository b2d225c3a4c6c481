import type { ReactNode } from "react";
import type { ApiError } from "../api";

/** An NHS notification banner; `success` for confirmations after an action. */
export function Banner({
  title,
  children,
  success,
}: {
  title: string;
  children: ReactNode;
  success?: boolean;
}) {
  const id = `banner-${title.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <div
      className={`nhsuk-notification-banner${success ? " nhsuk-notification-banner--success" : ""}`}
      role={success ? "alert" : "region"}
      aria-labelledby={id}
    >
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id={id}>
          {title}
        </h2>
      </div>
      <div className="nhsuk-notification-banner__content">{children}</div>
    </div>
  );
}

/** What to show when a page's data could not be loaded. */
export function LoadError({ error }: { error: ApiError }) {
  return (
    <div className="nhsuk-card nhsuk-card--warning">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading">
          <span className="nhsuk-u-visually-hidden">Important: </span>
          {error.code === "forbidden" ? "Not available to your role" : "This could not be loaded"}
        </h2>
        <p className="nhsuk-card__description">{error.message}</p>
      </div>
    </div>
  );
}
