import { Link } from "react-router-dom";
import { useApi } from "../../hooks";
import type { HomeCardProps } from "../../home-cards";
import { formatDay, policyApi } from "./policy-api";

/** The home-page card: the published version, whether it needs review, and whether I must read it. */
export default function PolicyHomeCard({ scope }: HomeCardProps) {
  const summary = useApi(() => policyApi.summary(scope.practice.id), scope.practice.id);
  const s = summary.data;
  const warn = !!s && (s.needsReview || s.me.mustAcknowledge);
  return (
    <div
      className={`nhsuk-card nhsuk-card--clickable${warn ? " nhsuk-card--warning" : ""}`}
      data-testid="policy-card"
    >
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m">
          <Link
            className="nhsuk-card__link"
            to={scope.path(s?.me.mustAcknowledge ? "policy/read" : "policy")}
          >
            Social media policy
          </Link>
        </h2>
        {s ? (
          <p className="nhsuk-card__description">
            {s.published
              ? `Version ${s.published.version}, published ${formatDay(s.published.publishedAt)}.`
              : "Not published yet."}
            {s.draft?.status === "consultation"
              ? ` Draft version ${s.draft.version} is out for consultation${s.draft.closesOn ? ` until ${formatDay(s.draft.closesOn)}` : ""}.`
              : ""}
            {s.needsReview ? " Needs review: the review date has passed." : ""}
            {s.published?.reviewState === "due-soon"
              ? ` Review due ${formatDay(s.published.reviewDue)}.`
              : ""}
            {s.me.mustAcknowledge ? " You have a new version to read and acknowledge." : ""}
            {s.allowed.includes("view-acknowledgements") && s.acknowledgements
              ? ` ${s.acknowledgements.acknowledged} of ${s.acknowledgements.total} staff have acknowledged it.`
              : ""}
          </p>
        ) : (
          <p className="nhsuk-card__description">The policy, versions, consultation and acknowledgements.</p>
        )}
      </div>
    </div>
  );
}
