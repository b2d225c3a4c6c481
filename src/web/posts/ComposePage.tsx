// Compose or edit a practice post: the checker reads it as you type (practice context), each chosen channel
// shows exactly what it will be sent, and "do not post" needs a reason before it can go for approval.
import { useDeferredValue, useState, type FormEvent } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { tooLongMessage } from "../../core/checker/limits";
import { Checkboxes, Field, fieldAria, TextField } from "../components/Fields";
import { ErrorSummary, fieldError, summaryFromError, type SummaryItem } from "../components/ErrorSummary";
import {
  FindingsList,
  Marked,
  useChecker,
  useCheckerProfile,
  VerdictTag,
} from "../components/CheckerFindings";
import { LoadError } from "../components/Messages";
import { Loading } from "../components/Shell";
import { useApi, usePageTitle, useSubmit } from "../hooks";
import { usePractice } from "../layouts";
import { ChannelPreviews, channelPreviews } from "./ChannelPreviews";
import { ImageFields, type DraftImage } from "./ImageFields";
import { ChangesRequestedNote } from "./labels";
import { channelsApi, postsApi, type Channel, type Post, type PostInput } from "./posts-api";

const FIELDS = ["text", "link", "channelIds", "overrideReason", "images"];

export default function ComposePage() {
  const { practice } = usePractice();
  const { postId } = useParams();
  usePageTitle(postId ? "Edit post" : "New post", practice.name);
  const channels = useApi(() => channelsApi.list(practice.id), practice.id);
  const existing = useApi(
    () => (postId ? postsApi.get(practice.id, postId) : Promise.resolve(null)),
    `${practice.id}:${postId ?? "new"}`,
  );
  if (channels.status === "error") return <LoadError error={channels.error} />;
  if (existing.status === "error") return <LoadError error={existing.error} />;
  if (channels.status === "loading" || existing.status === "loading") return <Loading />;
  return <ComposeForm channels={channels.data.channels} post={existing.data} />;
}

function ComposeForm({ channels, post }: { channels: Channel[]; post: Post | null }) {
  const { practice, path } = usePractice();
  const navigate = useNavigate();
  const [text, setText] = useState(post?.text ?? "");
  const [link, setLink] = useState(post?.link ?? "");
  const [channelIds, setChannelIds] = useState<string[]>(post?.channels.map((c) => c.id) ?? []);
  const [images, setImages] = useState<DraftImage[]>(post?.images ?? []);
  const [overrideReason, setOverrideReason] = useState(post?.overrideReason ?? "");
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const { busy, error, submit } = useSubmit();

  const check = useChecker();
  const profile = useCheckerProfile(practice.id);
  const deferred = useDeferredValue(text);
  const tooLong = tooLongMessage(deferred.length);
  const result =
    check && deferred.trim() && !tooLong ? check({ text: deferred, context: "practice" }, profile) : null;
  const blocked = result?.verdict === "do-not-post";

  const chosen = channels.filter((c) => channelIds.includes(c.id));
  const previews = channelPreviews(
    { text, link: link.trim() || null, imageCount: images.length },
    chosen,
    channels,
  );

  const altErrors: Record<number, string> = {};
  for (const p of problems) {
    const m = /^image-alt-(\d+)$/.exec(p.fieldId ?? "");
    if (m) altErrors[Number(m[1]) - 1] = p.message;
  }
  const problemFor = (field: string) =>
    problems.find((p) => p.fieldId === field)?.message ?? fieldError(error, field);

  /** What stops this post being saved or sent, in the order the fields appear. */
  const findProblems = (forApproval: boolean): SummaryItem[] => {
    const found: SummaryItem[] = [];
    if (!text.trim()) found.push({ fieldId: "text", message: "Enter the text of the post" });
    else if (tooLong) found.push({ fieldId: "text", message: tooLong });
    images.forEach((img, i) => {
      if (!img.altText.trim())
        found.push({
          fieldId: `image-alt-${i + 1}`,
          message: `Describe image ${i + 1} for people who cannot see it`,
        });
    });
    if (!channelIds.length) found.push({ fieldId: "channelIds", message: "Choose at least one channel" });
    if (!forApproval) return found;
    for (const { channel, preview } of previews)
      for (const p of preview.problems)
        found.push({ fieldId: "text", message: `${channel.name}: ${p.message}` });
    if (blocked && !overrideReason.trim())
      found.push({
        fieldId: "overrideReason",
        message: "The checker says do not post. Change the text, or say why it should still be posted",
      });
    return found;
  };

  const save = (forApproval: boolean) => (e?: FormEvent) => {
    e?.preventDefault();
    const found = findProblems(forApproval);
    setProblems(found);
    if (found.length) return;
    const input: PostInput = {
      text,
      link: link.trim() || null,
      channelIds,
      images: images.map((i) => ({ id: i.id, altText: i.altText.trim() })),
      overrideReason: blocked && overrideReason.trim() ? overrideReason.trim() : null,
    };
    void submit(async () => {
      const saved = post
        ? await postsApi.update(practice.id, post.id, input)
        : await postsApi.create(practice.id, input);
      if (forApproval) await postsApi.submit(practice.id, saved.id, input.overrideReason);
      void navigate(path(`posts/${saved.id}`), { state: { saved: forApproval ? "submitted" : "saved" } });
    });
  };

  const summary = problems.length ? problems : summaryFromError(error, "", FIELDS);
  const approvedWarning = post && (post.state === "approved" || post.state === "scheduled");

  return (
    <>
      <span className="nhsuk-caption-l">{practice.name}</span>
      <h1>{post ? "Edit post" : "New post"}</h1>
      <ErrorSummary items={summary} />
      {approvedWarning ? (
        <div className="nhsuk-warning-callout">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>This post is approved
            </span>
          </h2>
          <p>
            Saving a change voids the approval: the post will need approving again before it is published.
          </p>
        </div>
      ) : null}
      {post ? <ChangesRequestedNote post={post} /> : null}
      <form onSubmit={save(true)} noValidate>
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-half">
            <Field
              id="text"
              label="Text of the post"
              hint="The checker reads it as you type, on this device."
              error={problemFor("text")}
            >
              {(describedBy, invalid) => (
                <textarea
                  className={`nhsuk-textarea${invalid ? " nhsuk-textarea--error" : ""}`}
                  id="text"
                  name="text"
                  rows={8}
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  {...fieldAria(describedBy, invalid)}
                />
              )}
            </Field>
            <TextField
              id="link"
              label="Link (optional)"
              hint="A web address to go with the post, such as a page on the practice website."
              value={link}
              onChange={setLink}
              error={problemFor("link")}
            />
            <ImageFields
              practiceId={practice.id}
              images={images}
              onChange={setImages}
              altErrors={altErrors}
            />
            <Checkboxes
              id="channelIds"
              legend="Where should it be posted?"
              options={channels.map((c) => ({
                value: c.id,
                label: c.status === "connected" ? c.name : `${c.name} (reconnect needed)`,
              }))}
              values={channelIds}
              onChange={setChannelIds}
              error={problemFor("channelIds")}
            />
            {blocked ? (
              <Field
                id="overrideReason"
                label="Why should this still be posted?"
                hint="The checker says do not post. Your approver sees this reason and the audit keeps it."
                error={problemFor("overrideReason")}
              >
                {(describedBy, invalid) => (
                  <textarea
                    className={`nhsuk-textarea${invalid ? " nhsuk-textarea--error" : ""}`}
                    id="overrideReason"
                    rows={3}
                    value={overrideReason}
                    onChange={(e) => setOverrideReason(e.target.value)}
                    {...fieldAria(describedBy, invalid)}
                  />
                )}
              </Field>
            ) : null}
            <div className="sp-inline-actions">
              <button className="nhsuk-button" type="submit" disabled={busy}>
                Send for approval
              </button>
              <button
                className="nhsuk-button nhsuk-button--secondary"
                type="button"
                disabled={busy}
                onClick={() => save(false)()}
              >
                Save as draft
              </button>
            </div>
          </div>
          <div className="nhsuk-grid-column-one-half">
            <h2 className="nhsuk-heading-m">The checker</h2>
            <div aria-live="polite" data-testid="check-result">
              {!check ? <p>Loading the checker…</p> : null}
              {result ? (
                <>
                  <p>
                    <VerdictTag verdict={result.verdict} />
                  </p>
                  <Marked text={deferred} result={result} />
                  <FindingsList text={deferred} result={result} />
                </>
              ) : check ? (
                <p className="nhsuk-hint">Start writing to see what the checker finds.</p>
              ) : null}
            </div>
            <h2 className="nhsuk-heading-m">What each channel will be sent</h2>
            <ChannelPreviews items={previews} images={images} />
          </div>
        </div>
      </form>
    </>
  );
}
