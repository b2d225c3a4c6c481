// The practice manager's view of My accounts: per member only "completed on DATE", "not completed" or "not
// shared", and the platforms the practice adds to the seven everyone checks.
import { useState } from "react";
import { Link } from "react-router-dom";
import { formatUkDate } from "../../core/dates";
import { Button, TextField } from "../components/Fields";
import { ErrorSummary, fieldError, summaryFromError } from "../components/ErrorSummary";
import { LoadError } from "../components/Messages";
import { Loading } from "../components/Shell";
import { useApi, usePageTitle, useSubmit } from "../hooks";
import { usePractice } from "../layouts";
import { myAccountsApi, type MyAccountsSummary, type PlatformList } from "./my-accounts-api";

const STATUS: Record<MyAccountsSummary["members"][number]["status"], { label: string; tag: string }> = {
  completed: { label: "Completed", tag: "nhsuk-tag--green" },
  "not-completed": { label: "Not completed", tag: "nhsuk-tag--grey" },
  "not-shared": { label: "Not shared", tag: "nhsuk-tag--white" },
};

export default function MyAccountsSummaryPage() {
  const { practice, path } = usePractice();
  usePageTitle("My accounts: who has completed it", practice.name);
  const summary = useApi(() => myAccountsApi.summary(practice.id), `my-accounts-summary:${practice.id}`);
  const platforms = useApi(
    () => myAccountsApi.platforms(practice.id),
    `my-accounts-platforms:${practice.id}`,
  );
  if (summary.status === "error") return <LoadError error={summary.error} />;
  if (platforms.status === "error") return <LoadError error={platforms.error} />;
  if (summary.status === "loading" || platforms.status === "loading") return <Loading />;
  const c = summary.data.counts;
  return (
    <>
      <span className="nhsuk-caption-l">{practice.name}</span>
      <h1>My accounts: who has completed it</h1>
      <p>
        Every member checks their own personal social media accounts against the policy. Their answers are
        private to them. You see whether and when someone completed the check only if they agreed to share it.
      </p>
      <p>
        {c.completed} of {c.members} members completed it; {c.shared} share their status.{" "}
        <Link to={path("my-accounts")}>Your own check</Link>
      </p>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption">Members</caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {summary.data.members.map((m) => (
            <tr className="nhsuk-table__row" key={m.userId}>
              <td className="nhsuk-table__cell">{m.name}</td>
              <td className="nhsuk-table__cell">
                <strong className={`nhsuk-tag ${STATUS[m.status].tag}`}>{STATUS[m.status].label}</strong>
                {m.completedAt ? ` on ${formatUkDate(m.completedAt)}` : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Platforms
        list={platforms.data}
        onChange={() => {
          void platforms.reload();
          void summary.reload();
        }}
      />
    </>
  );
}

function Platforms({ list, onChange }: { list: PlatformList; onChange: () => void }) {
  const { practice } = usePractice();
  const [name, setName] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, submit } = useSubmit();
  return (
    <>
      <h2>Platforms on the check</h2>
      <p>
        Everyone checks Facebook, X, Instagram, TikTok, LinkedIn, Reddit and Strava. Add any other platform
        your staff use: it gets general steps for each item. A member&apos;s check is complete again once they
        have answered it.
      </p>
      {done ? (
        <p className="nhsuk-body" role="status">
          {done}
        </p>
      ) : null}
      <ErrorSummary items={summaryFromError(error, "platform-", ["name"])} />
      <ul className="nhsuk-list nhsuk-list--border">
        {list.platforms.map((p) => (
          <li key={p.key}>
            {p.name}
            {p.addedByPractice ? (
              <>
                {" "}
                <Button
                  type="button"
                  variant="secondary"
                  busy={busy}
                  onClick={() =>
                    void submit(async () => {
                      await myAccountsApi.removePlatform(practice.id, p.key);
                      setDone(`${p.name} was removed from the check, with every member's answers for it.`);
                      onChange();
                    })
                  }
                >
                  Remove<span className="nhsuk-u-visually-hidden"> {p.name}</span>
                </Button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(async () => {
            await myAccountsApi.addPlatform(practice.id, name);
            setDone(`${name.trim()} is on the check now.`);
            setName("");
            onChange();
          });
        }}
      >
        <TextField
          id="platform-name"
          label="Add a platform"
          hint="For example Snapchat, Threads or Nextdoor"
          value={name}
          onChange={setName}
          error={fieldError(error, "name")}
        />
        <Button busy={busy} variant="secondary">
          Add platform
        </Button>
      </form>
    </>
  );
}
