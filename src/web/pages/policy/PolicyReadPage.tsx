import { LoadError, Banner } from "../../components/Messages";
import { Loading } from "../../components/Shell";
import { useApi, usePageTitle, useSubmit } from "../../hooks";
import { usePractice } from "../../layouts";
import { formatDay, policyApi } from "./policy-api";
import { PolicyText } from "./PolicyText";
import { ChangesSinceYouAcknowledged } from "./ChangesSinceAcknowledged";

/** "Policies to read": the published policy with a button to acknowledge it. */
export default function PolicyReadPage() {
  const { practice } = usePractice();
  usePageTitle("Policies to read", practice.name);
  const summary = useApi(() => policyApi.summary(practice.id), practice.id);
  const publishedId = summary.data?.published?.id ?? "";
  const view = useApi(
    () => (publishedId ? policyApi.version(practice.id, publishedId) : Promise.resolve(null)),
    `${practice.id}/${publishedId}`,
  );
  // Only someone asked to acknowledge needs the differences; they come before the full text.
  const mustAcknowledge = summary.data?.me.mustAcknowledge ?? false;
  const changes = useApi(
    () =>
      mustAcknowledge
        ? policyApi.changesSinceAcknowledged(practice.id).then((r) => r.changes)
        : Promise.resolve(null),
    `${practice.id}/${publishedId}/${mustAcknowledge}`,
  );
  const { busy, error, submit } = useSubmit();
  if (summary.status === "loading") return <Loading what="Loading" />;
  if (summary.status === "error") return <LoadError error={summary.error} />;
  const s = summary.data;
  return (
    <>
      <span className="nhsuk-caption-l">{practice.name}</span>
      <h1>Policies to read</h1>
      {!s.published ? <p>There is no published policy yet.</p> : null}
      {s.published && !s.me.mustAcknowledge ? (
        <Banner title="Up to date" success>
          <p>
            You acknowledged the social media policy
            {s.me.acknowledgedAt ? ` on ${formatDay(s.me.acknowledgedAt)}` : ""}. Nothing to read.
          </p>
        </Banner>
      ) : null}
      {s.published && s.me.mustAcknowledge ? (
        <p>
          Please read version {s.published.version} of the social media policy, then confirm at the end of the
          page.
        </p>
      ) : null}
      {error ? <LoadError error={error} /> : null}
      {changes.status === "ok" && changes.data ? (
        <ChangesSinceYouAcknowledged changes={changes.data} />
      ) : null}
      {changes.status === "error" ? <LoadError error={changes.error} /> : null}
      <div id="full-text" tabIndex={-1}>
        {view.status === "ok" && view.data ? <PolicyText sections={view.data.rendered} /> : null}
      </div>
      {s.published && s.me.mustAcknowledge ? (
        <button
          className="nhsuk-button"
          type="button"
          disabled={busy}
          onClick={() =>
            void submit(async () => {
              await policyApi.acknowledge(practice.id, s.published!.id);
              await summary.reload();
            })
          }
        >
          I have read and understood this policy
        </button>
      ) : null}
    </>
  );
}
