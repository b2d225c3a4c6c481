// "Report a concern": any member tells the practice manager about a post, a comment, an account or a lost
// phone. Only what the reporter writes here is kept; the text box for the post itself is optional.
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { Button, TextField } from "../components/Fields";
import { ErrorSummary, fieldError, summaryFromError } from "../components/ErrorSummary";
import { Banner } from "../components/Messages";
import { useApi, usePageTitle, useSubmit } from "../hooks";
import { inboxApi } from "../inbox/inbox-api";
import { usePractice } from "../layouts";
import { incidentsApi, type ConcernInput } from "./incidents-api";
import { Radios, TextArea } from "./IncidentFields";

const KINDS: { value: ConcernInput["kind"]; label: string }[] = [
  { value: "colleague-post", label: "A colleague's post" },
  { value: "patient-comment", label: "A patient's comment on a practice account" },
  { value: "practice-account", label: "A practice account that may be compromised" },
  { value: "lost-phone", label: "A lost phone signed in to a practice account" },
  { value: "own-post", label: "A post of my own I regret" },
  { value: "other", label: "Something else" },
];

export default function ReportConcernPage() {
  const { practice } = usePractice();
  usePageTitle("Report a concern", practice.name);
  const [params] = useSearchParams();
  const commentId = params.get("comment");
  const conversationId = params.get("conversation");
  // Raised from the inbox: the comment is linked and its text offered, never included unless chosen.
  const conversation = useApi(
    () => (conversationId ? inboxApi.get(practice.id, conversationId) : Promise.resolve(null)),
    `${practice.id}:${conversationId ?? ""}`,
  );
  const linked =
    conversation.status === "ok"
      ? (conversation.data?.comments?.find((m) => m.id === commentId) ?? null)
      : null;
  const [kind, setKind] = useState<ConcernInput["kind"] | "">(commentId ? "patient-comment" : "");
  const [findings, setFindings] = useState(Boolean(commentId));
  const [ownPost, setOwnPost] = useState("");
  const [url, setUrl] = useState("");
  const [seen, setSeen] = useState("");
  const [included, setIncluded] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const { busy, error, submit } = useSubmit();
  if (done)
    return (
      <>
        <h1>Report a concern</h1>
        <Banner title="Concern reported" success>
          <p>{done}</p>
        </Banner>
        <Button type="button" variant="secondary" onClick={() => setDone(null)}>
          Report another concern
        </Button>
      </>
    );
  return (
    <>
      <span className="nhsuk-caption-l">{practice.name}</span>
      <h1>Report a concern</h1>
      <p>
        Tell the practice manager about something on social media that worries you. Only what you write here
        is kept. You will not see the case afterwards, but the practice manager will look at it.
      </p>
      <ErrorSummary items={summaryFromError(error, "concern-")} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(async () => {
            const r = await incidentsApi.report(practice.id, {
              kind: kind || (undefined as unknown as ConcernInput["kind"]),
              url: url.trim() || null,
              seen,
              includedText: included.trim() || null,
              commentId: linked?.id ?? null,
              attachFindings: findings && (Boolean(linked) || (kind === "own-post" && !!ownPost.trim())),
              checkText: !linked && kind === "own-post" ? ownPost.trim() || null : null,
            });
            setDone(r.message);
            setKind("");
            setUrl("");
            setSeen("");
            setIncluded("");
            setOwnPost("");
          });
        }}
      >
        <Radios
          id="concern-kind"
          legend="What is it about?"
          value={kind}
          options={KINDS}
          onChange={setKind}
          error={fieldError(error, "kind")}
        />
        <TextField
          id="concern-url"
          label="Link (optional)"
          hint="The web address of the post or comment, if there is one."
          value={url}
          onChange={setUrl}
          error={fieldError(error, "url")}
        />
        <TextArea
          id="concern-seen"
          label="What did you see?"
          hint="Say briefly where and when, so it can be found. Avoid repeating patients' details."
          value={seen}
          onChange={setSeen}
          error={fieldError(error, "seen")}
        />
        {linked ? (
          <div className="nhsuk-inset-text">
            <p>
              This concern is linked to a comment in the inbox; the practice manager can open it from the
              case.
            </p>
            {linked.text ? (
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary"
                onClick={() => setIncluded(linked.text ?? "")}
              >
                Copy the comment's text into the box below
              </button>
            ) : null}
          </div>
        ) : null}
        {kind === "own-post" && !linked ? (
          <TextArea
            id="concern-ownPost"
            label="Your post, to check (optional)"
            hint="The checker reads it to say which rules it breaks. It is not kept unless you also copy it below."
            value={ownPost}
            onChange={setOwnPost}
          />
        ) : null}
        {linked || kind === "own-post" ? (
          <div className="nhsuk-form-group">
            <div className="nhsuk-checkboxes">
              <div className="nhsuk-checkboxes__item">
                <input
                  className="nhsuk-checkboxes__input"
                  id="concern-attachFindings"
                  type="checkbox"
                  checked={findings}
                  onChange={(e) => setFindings(e.target.checked)}
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="concern-attachFindings">
                  Attach what the checker found (which rules and clauses, without the text)
                </label>
              </div>
            </div>
          </div>
        ) : null}
        <TextArea
          id="concern-includedText"
          label="Text of the post (optional)"
          hint="Copy it here only if you want it kept with the concern."
          value={included}
          onChange={setIncluded}
          error={fieldError(error, "includedText")}
        />
        <Button busy={busy}>Report the concern</Button>
      </form>
    </>
  );
}
