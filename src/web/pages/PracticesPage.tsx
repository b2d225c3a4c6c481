import { Link, Navigate } from "react-router-dom";
import { ROLE_LABELS } from "../../core/roles";
import { usePageTitle } from "../hooks";
import { useSignedIn } from "../session";

/** Chooses a practice; someone in exactly one practice goes straight to it. */
export default function PracticesPage() {
  usePageTitle("Your practices");
  const session = useSignedIn();
  const only = session.practices.length === 1 ? session.practices[0] : undefined;
  if (only) return <Navigate to={`/practice/${only.id}`} replace />;
  return (
    <>
      <h1>Your practices</h1>
      {session.practices.length === 0 ? (
        <p>You are not a member of any practice at the moment. Ask a practice manager to invite you.</p>
      ) : (
        <>
          <p>Choose the practice to work in.</p>
          <ul className="nhsuk-grid-row nhsuk-card-group">
            {session.practices.map((p) => (
              <li className="nhsuk-grid-column-one-half nhsuk-card-group__item" key={p.id}>
                <div className="nhsuk-card nhsuk-card--clickable">
                  <div className="nhsuk-card__content">
                    <h2 className="nhsuk-card__heading nhsuk-heading-m">
                      <Link className="nhsuk-card__link" to={`/practice/${p.id}`}>
                        {p.name}
                      </Link>
                    </h2>
                    <p className="nhsuk-card__description">{p.roles.map((r) => ROLE_LABELS[r]).join(", ")}</p>
                  </div>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
