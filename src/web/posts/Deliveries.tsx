// One row per channel the post goes to: its state, its address once published, what went wrong in plain words,
// and for an outcome nobody knows, "check whether this was posted" with the two answers a person can give.
import { useState } from "react";
import { TextField } from "../components/Fields";
import { ErrorSummary, summaryFromError } from "../components/ErrorSummary";
import { useSubmit } from "../hooks";
import { usePractice } from "../layouts";
import { DELIVERY_STATES } from "./labels";
import { postsApi, type Delivery, type Post } from "./posts-api";

type OnChange = (post: Post, what: string) => void;

export function Deliveries({ post, onChange }: { post: Post; onChange: OnChange }) {
  const canResolve = post.allowed.includes("resolve-delivery");
  return (
    <>
      <h2 className="nhsuk-heading-m">Channels</h2>
      <table className="nhsuk-table" data-testid="deliveries">
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th className="nhsuk-table__header" scope="col">
              Channel
            </th>
            <th className="nhsuk-table__header" scope="col">
              State
            </th>
            <th className="nhsuk-table__header" scope="col">
              Details
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {post.deliveries.map((d) => (
            <tr className="nhsuk-table__row" key={d.id} data-channel={d.channel.kind}>
              <td className="nhsuk-table__cell">{d.channel.name}</td>
              <td className="nhsuk-table__cell">{DELIVERY_STATES[d.state]}</td>
              <td className="nhsuk-table__cell sp-break">
                {d.url ? (
                  <a href={d.url} rel="noreferrer" target="_blank">
                    View on {d.channel.name}
                    <span className="nhsuk-u-visually-hidden"> (opens in a new tab)</span>
                  </a>
                ) : null}
                {d.error ? <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">{d.error}</p> : null}
                {d.state === "needs-check" && canResolve ? (
                  <ResolveDelivery post={post} delivery={d} onChange={onChange} />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function ResolveDelivery({
  post,
  delivery,
  onChange,
}: {
  post: Post;
  delivery: Delivery;
  onChange: OnChange;
}) {
  const { practice } = usePractice();
  const [url, setUrl] = useState("");
  const [urlError, setUrlError] = useState<string | undefined>();
  const { busy, error, submit } = useSubmit();
  const id = `posted-url-${delivery.id}`;
  const resolve = (posted: boolean) => {
    if (posted && !/^https?:\/\/\S+$/.test(url.trim())) {
      setUrlError(`Paste the address of the post on ${delivery.channel.name}, starting https://`);
      return;
    }
    setUrlError(undefined);
    void submit(async () =>
      onChange(
        await postsApi.resolveDelivery(practice.id, post.id, delivery.id, posted, posted ? url.trim() : null),
        posted ? "Marked as posted" : "Marked as not posted: it will be published again",
      ),
    );
  };
  return (
    <div className="nhsuk-u-margin-top-3">
      <p className="nhsuk-body-s">
        safepost could not tell whether {delivery.channel.name} published this. Look at the account, then say
        what you found. It is never sent again without you.
      </p>
      <ErrorSummary items={summaryFromError(error)} />
      <TextField
        id={id}
        label="Address of the post, if it was posted"
        value={url}
        onChange={setUrl}
        error={urlError}
      />
      <div className="sp-inline-actions">
        <button
          className="nhsuk-button nhsuk-button--secondary"
          type="button"
          disabled={busy}
          onClick={() => resolve(true)}
        >
          It was posted
        </button>
        <button
          className="nhsuk-button nhsuk-button--secondary"
          type="button"
          disabled={busy}
          onClick={() => resolve(false)}
        >
          It was not posted
        </button>
      </div>
    </div>
  );
}
