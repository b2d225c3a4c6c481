import { Link } from "react-router-dom";
import { ROLE_LABELS } from "../../core/roles";
import { visibleHomeCards, type HomeCard } from "../home-cards";
import { usePageTitle } from "../hooks";
import { usePractice, type PracticeScope } from "../layouts";
import { useSignedIn } from "../session";
import { WaitingList } from "../components/WaitingList";
import { OnboardingChecklist } from "../components/OnboardingChecklist";

function Card({ card, scope }: { card: HomeCard; scope: PracticeScope }) {
  if (card.component) {
    const Body = card.component;
    return <Body scope={scope} />;
  }
  return (
    <div className="nhsuk-card nhsuk-card--clickable">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m">
          <Link className="nhsuk-card__link" to={scope.path(card.path ?? "")}>
            {card.title}
          </Link>
        </h2>
        {card.description ? <p className="nhsuk-card__description">{card.description}</p> : null}
      </div>
    </div>
  );
}

/** A practice's dashboard: one card per capability the member can use. */
export default function HomePage() {
  const scope = usePractice();
  const session = useSignedIn();
  usePageTitle("Home", scope.practice.name);
  return (
    <>
      <span className="nhsuk-caption-l">{scope.practice.name}</span>
      <h1>Welcome, {session.user.name}</h1>
      <p className="nhsuk-body-l">
        You are signed in as {scope.roles.map((r) => ROLE_LABELS[r].toLowerCase()).join(" and ")}.
      </p>
      <OnboardingChecklist scope={scope} />
      <WaitingList scope={scope} />
      <ul className="nhsuk-grid-row nhsuk-card-group">
        {visibleHomeCards(scope.practice.allowed).map((card) => (
          <li className="nhsuk-grid-column-one-third nhsuk-card-group__item" key={card.id}>
            <Card card={card} scope={scope} />
          </li>
        ))}
      </ul>
    </>
  );
}
