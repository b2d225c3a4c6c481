import { useSearchParams } from "react-router-dom";
import { NHSMAIL_REFUSALS } from "../../../core/two-factor";
import { useApi } from "../../hooks";
import { twoFactorApi } from "../../two-factor-api";

/** On the sign-in page: why an NHSmail sign-in was refused, and a button per practice that offers it. */
export function NhsmailSignIn() {
  const [params] = useSearchParams();
  const reason = params.get("nhsmail");
  const message = reason ? ((NHSMAIL_REFUSALS as Record<string, string>)[reason] ?? null) : null;
  const offered = useApi(() => twoFactorApi.nhsmailPractices(), "nhsmail");
  const practices = offered.status === "ok" ? offered.data.practices : [];
  return (
    <>
      {message ? (
        <div className="nhsuk-error-summary" role="alert" aria-labelledby="nhsmail-problem">
          <h2 className="nhsuk-error-summary__heading" id="nhsmail-problem">
            You have not been signed in
          </h2>
          <div className="nhsuk-error-summary__body">
            <p>{message}</p>
          </div>
        </div>
      ) : null}
      {practices.length ? (
        <>
          <h2 className="nhsuk-heading-m">Or sign in with NHSmail</h2>
          <ul className="nhsuk-list">
            {practices.map((p) => (
              <li key={p.slug}>
                <a
                  className="nhsuk-button nhsuk-button--secondary"
                  href={`/api/auth/nhsmail/${encodeURIComponent(p.slug)}/start`}
                >
                  Sign in with NHSmail<span className="nhsuk-u-visually-hidden"> for</span>
                  {practices.length > 1 ? (
                    ` – ${p.name}`
                  ) : (
                    <span className="nhsuk-u-visually-hidden"> {p.name}</span>
                  )}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
