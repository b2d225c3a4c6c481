// Answering a conversation: the replies so far (with what the viewer may do to each: approve, send back, say it
// was posted, send again) and the composer — suggested from the practice's templates for the conversation's
// category (another may be chosen), editable, read by the checker in the practice's context as you type, then
// sent for approval (or sent at once when it is an unedited pre-approved template).
import { useDeferredValue, useState } from "react";
import { sendsWithoutApproval } from "../../core/inbox/replies";
import { formatUkDateTime } from "../../core/dates";
import { Button, TextField } from "../components/Fields";
import { ErrorSummary, fieldError, summaryFromError } from "../components/ErrorSummary";
import { FindingsList, useChecker, useCheckerProfile, VerdictTag } from "../components/CheckerFindings";
import { useSubmit } from "../hooks";
import { Select, TextArea } from "../incidents/IncidentFields";
import { usePractice } from "../layouts";
import { inboxApi, type Conversation, type Reply } from "./inbox-api";

type OnChange = (next: Conversation, what: string) => void;

const UNDER_WAY = ["awaiting-approval", "approved", "sending", "failed", "needs-check", "post-by-hand"];

export function RepliesSection({
  conversation: c,
  onChange,
}: {
  conversation: Conversation;
  onChange: OnChange;
}) {
  const replies = c.replies ?? [];
  const latest = replies[replies.length - 1];
  const underWay = latest && UNDER_WAY.includes(latest.state);
  const mayWrite = (c.allowed ?? []).includes("write-reply") && c.status !== "closed" && !underWay;
  return (
    <section aria-labelledby="replies-heading" data-testid="replies">
      <h2 id="replies-heading">Reply</h2>
      {replies
        .filter((r) => r.state !== "replaced")
        .map((r) => (
          <ReplyCard key={r.id} conversation={c} reply={r} onChange={onChange} />
        ))}
      {mayWrite ? (
        <Composer key={`${c.id}:${replies.length}`} conversation={c} onChange={onChange} />
      ) : !underWay && !(c.allowed ?? []).includes("write-reply") ? (
        <p className="nhsuk-body-s">Only posters and the practice manager write replies.</p>
      ) : null}
    </section>
  );
}

function ReplyCard({
  conversation: c,
  reply: r,
  onChange,
}: {
  conversation: Conversation;
  reply: Reply;
  onChange: OnChange;
}) {
  const { practice } = usePractice();
  const [note, setNote] = useState("");
  const [url, setUrl] = useState("");
  const [copied, setCopied] = useState(false);
  const { busy, error, submit } = useSubmit();
  const id = `reply-${r.id.slice(0, 8)}`;
  const act = (call: () => Promise<unknown>, what: string) =>
    submit(async () => {
      await call();
      onChange(await inboxApi.get(practice.id, c.id), what);
    });
  const may = (a: Reply["allowed"][number]) => r.allowed.includes(a);
  const toPost = r.state === "post-by-hand" || r.state === "needs-check" || r.state === "sending";
  return (
    <div className="nhsuk-card" data-testid="reply-card">
      <div className="nhsuk-card__content">
        <p className="nhsuk-body-s sp-muted nhsuk-u-margin-bottom-2">
          <strong className="nhsuk-tag nhsuk-tag--grey" data-testid="reply-state">
            {r.stateLabel}
          </strong>{" "}
          Written by {r.author?.name ?? "a former user"} on {formatUkDateTime(r.createdAt)}
          {r.approvedBy
            ? ` · approved by ${r.approvedBy.name}`
            : r.preApproved
              ? " · a pre-approved template, unedited"
              : ""}
          {r.sentAt ? ` · posted ${formatUkDateTime(r.sentAt)}` : ""}
        </p>
        <blockquote className="sp-pre-wrap sp-break" data-testid="reply-text">
          {r.text}
        </blockquote>
        <p className="nhsuk-body-s">
          The checker said: <VerdictTag verdict={r.verdict as "ok"} />
          {r.edited ? "" : " (the template's words, unedited)"}
        </p>
        {r.url ? (
          <p className="nhsuk-body-s">
            <a href={r.url} className="sp-break">
              The reply on the platform
            </a>
          </p>
        ) : null}
        {r.changesNote && r.state === "changes-requested" ? (
          <div className="nhsuk-inset-text">
            <p>
              <strong>Sent back:</strong> {r.changesNote}
            </p>
          </div>
        ) : null}
        {r.outcomeMessage ? <p className="nhsuk-body-s">{r.outcomeMessage}</p> : null}
        <ErrorSummary items={summaryFromError(error, `${id}-`, ["note", "url"])} />
        {may("approve-reply") ? (
          <div className="nhsuk-button-group">
            <Button
              type="button"
              busy={busy}
              onClick={() =>
                void act(
                  () => inboxApi.approve(practice.id, c.id, r.id),
                  r.byHand
                    ? "The reply is approved. Post it on the platform, then say so here."
                    : "The reply is approved and is being sent.",
                )
              }
            >
              Approve
            </Button>
          </div>
        ) : null}
        {may("request-reply-changes") ? (
          <>
            <TextArea
              id={`${id}-note`}
              label="What should change? (to send it back)"
              value={note}
              onChange={setNote}
              rows={2}
              error={fieldError(error, "note")}
            />
            <Button
              variant="secondary"
              type="button"
              busy={busy}
              onClick={() =>
                void act(
                  () => inboxApi.sendBack(practice.id, c.id, r.id, note),
                  "The reply was sent back to its author with your note.",
                )
              }
            >
              Send back
            </Button>
          </>
        ) : null}
        {may("resolve-reply") ? (
          <>
            {toPost ? (
              <>
                <p className="nhsuk-body-s">
                  {r.state === "post-by-hand"
                    ? "safepost cannot answer on this channel. Copy the reply, post it under the comment, then say you have."
                    : "Look under the comment on the platform. If the reply is there, say so; if not, send it again."}
                </p>
                <Button
                  variant="secondary"
                  type="button"
                  onClick={() => {
                    void navigator.clipboard?.writeText(r.text).then(
                      () => setCopied(true),
                      () => setCopied(false),
                    );
                  }}
                >
                  Copy the reply
                </Button>
                <span aria-live="polite" className="nhsuk-body-s">
                  {copied ? " Copied." : ""}
                </span>
                <TextField
                  id={`${id}-url`}
                  label="Where it is (optional)"
                  hint="The reply's address on the platform, if you have it."
                  value={url}
                  onChange={setUrl}
                  error={fieldError(error, "url")}
                />
                <Button
                  type="button"
                  busy={busy}
                  onClick={() =>
                    void act(
                      () =>
                        inboxApi.resolve(practice.id, c.id, r.id, {
                          outcome: "posted",
                          url: url.trim() || null,
                        }),
                      "The reply is recorded as posted. The conversation is answered.",
                    )
                  }
                >
                  I&apos;ve posted it
                </Button>
              </>
            ) : null}
            {!r.byHand && r.state !== "post-by-hand" ? (
              <Button
                variant="secondary"
                type="button"
                busy={busy}
                onClick={() =>
                  void act(
                    () => inboxApi.resolve(practice.id, c.id, r.id, { outcome: "send-again" }),
                    "The reply is being sent again.",
                  )
                }
              >
                Send again
              </Button>
            ) : null}
          </>
        ) : null}
      </div>
    </div>
  );
}

function Composer({ conversation: c, onChange }: { conversation: Conversation; onChange: OnChange }) {
  const { practice } = usePractice();
  const templates = c.replyTemplates ?? [];
  const ordered = [
    ...templates.filter((t) => t.category === c.category),
    ...templates.filter((t) => t.category !== c.category),
  ];
  const suggested = templates.find((t) => t.id === c.suggestedTemplateId) ?? ordered[0];
  const [templateId, setTemplateId] = useState(suggested?.id ?? "");
  const template = templates.find((t) => t.id === templateId) ?? null;
  const [text, setText] = useState(suggested?.filled ?? "");
  const { busy, error, submit } = useSubmit();
  const check = useChecker();
  const profile = useCheckerProfile(practice.id);
  const deferred = useDeferredValue(text);
  const result = check && deferred.trim() ? check({ text: deferred, context: "practice" }, profile) : null;
  const direct =
    result?.verdict !== "do-not-post" &&
    sendsWithoutApproval(
      text,
      template
        ? {
            category: template.category,
            preApproved: template.preApproved,
            archived: template.archived,
            filled: template.filled,
          }
        : null,
      c.category,
    );
  return (
    <form
      noValidate
      aria-labelledby="composer-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(async () => {
          const r = await inboxApi.reply(practice.id, c.id, { text, templateId: template?.id ?? null });
          onChange(
            await inboxApi.get(practice.id, c.id),
            r.state === "awaiting-approval"
              ? "The reply was sent for approval. Someone else approves it."
              : r.state === "post-by-hand"
                ? "The reply is ready to post by hand."
                : "The reply is being sent.",
          );
        });
      }}
    >
      <h3 id="composer-heading" className="nhsuk-heading-s">
        Write a reply
      </h3>
      <ErrorSummary items={summaryFromError(error, "composer-", ["text", "templateId"])} />
      {ordered.length ? (
        <Select
          id="composer-templateId"
          label="Start from a template"
          value={templateId}
          options={[
            ...ordered.map((t) => ({
              value: t.id,
              label: `${t.categoryLabel}: ${t.name}${t.preApproved ? " (pre-approved)" : ""}`,
            })),
          ]}
          onChange={(v) => {
            setTemplateId(v);
            setText(templates.find((t) => t.id === v)?.filled ?? text);
          }}
        />
      ) : null}
      <TextArea
        id="reply"
        label="The reply"
        hint="Edit it as you need. Do not repeat the person's medical or personal details."
        value={text}
        onChange={setText}
        rows={6}
        error={fieldError(error, "text")}
      />
      <div aria-live="polite" data-testid="reply-check">
        {result ? (
          <>
            <p>
              <VerdictTag verdict={result.verdict} />
            </p>
            <FindingsList text={deferred} result={result} />
          </>
        ) : null}
      </div>
      <Button busy={busy}>{direct ? "Send (pre-approved template)" : "Send for approval"}</Button>
    </form>
  );
}
