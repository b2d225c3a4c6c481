// "Waiting for you" on the home page: the member's tasks from every area (GET …/waiting), most pressing first.
import { Link } from "react-router-dom";
import { request } from "../api";
import { formatUkDate } from "../../core/dates";
import { useApi } from "../hooks";
import type { PracticeScope } from "../layouts";

/** One task, as src/app/waiting/waiting.ts sends it. */
export interface WaitingItem {
  id: string;
  kind: string;
  title: string;
  description?: string;
  path: string;
  dueOn?: string;
  urgent?: boolean;
}

export const waitingApi = {
  list: (practiceId: string) =>
    request<{ items: WaitingItem[] }>("GET", `/api/practices/${encodeURIComponent(practiceId)}/waiting`),
};

export function WaitingList({ scope }: { scope: PracticeScope }) {
  const waiting = useApi(() => waitingApi.list(scope.practice.id), scope.practice.id);
  if (waiting.status !== "ok") return null; // the cards below still lead everywhere
  const items = waiting.data.items;
  return (
    <section aria-labelledby="waiting-heading" data-testid="waiting">
      <h2 id="waiting-heading">Waiting for you</h2>
      {items.length === 0 ? (
        <p>Nothing is waiting for you.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--border">
          {items.map((item) => (
            <li key={item.id} data-kind={item.kind}>
              {item.urgent ? <strong className="nhsuk-tag nhsuk-tag--red">Overdue</strong> : null}{" "}
              <Link to={scope.path(item.path)}>{item.title}</Link>
              {item.dueOn && !item.urgent ? (
                <span className="nhsuk-hint nhsuk-u-margin-bottom-0"> by {formatUkDate(item.dueOn)}</span>
              ) : null}
              {item.description ? (
                <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">{item.description}</p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
