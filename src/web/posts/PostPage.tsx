// One post: its state and timeline, the checker's findings beside the text and each channel's preview, and the
// actions the server allows this member (approve, request changes, schedule, publish now, cancel, check).
import { useState } from "react";
import { Link, useLocation, useParams } from "react-router-dom";
import { formatUkDateTime } from "../../core/dates";
import {
  FindingsList,
  Marked,
  useChecker,
  useCheckerProfile,
  VerdictTag,
} from "../components/CheckerFindings";
import { Banner, LoadError } from "../components/Messages";
import { Loading } from "../components/Shell";
import { useApi, usePageTitle } from "../hooks";
import { usePractice } from "../layouts";
import { ChannelPreviews, channelPreviews } from "./ChannelPreviews";
import { Deliveries } from "./Deliveries";
import { ApprovalForm, PostActions, ScheduleForm } from "./PostActions";
import { ChangesRequestedNote, StateTag, TIMELINE_EVENTS } from "./labels";
import { channelsApi, postsApi, type Post } from "./posts-api";

const SAVED: Record<string, string> = {
  saved: "Draft saved",
  submitted: "Sent for approval",
};

export default function PostPage() {
  const { practice } = usePractice();
  const { postId = "" } = useParams();
  const location = useLocation();
  const loaded = useApi(() => postsApi.get(practice.id, postId), `${practice.id}:${postId}`);
  const channels = useApi(() => channelsApi.list(practice.id), practice.id);
  const [post, setPost] = useState<Post | null>(null);
  const [done, setDone] = useState<string | null>(
    (location.state as { saved?: string } | null)?.saved ?? null,
  );
  usePageTitle("Post", practice.name);
  if (loaded.status === "error") return <LoadError error={loaded.error} />;
  if (loaded.status === "loading") return <Loading />;
  const current = post && post.id === loaded.data.id ? post : loaded.data;
  const changed = (next: Post, what: string) => {
    setPost(next);
    setDone(what);
  };
  return (
    <PostView
      post={current}
      channels={channels.data?.channels ?? []}
      done={done ? (SAVED[done] ?? done) : null}
      onChange={changed}
    />
  );
}

function PostView({
  post,
  channels,
  done,
  onChange,
}: {
  post: Post;
  channels: Parameters<typeof channelPreviews>[2];
  done: string | null;
  onChange: (post: Post, what: string) => void;
}) {
  const { practice, path } = usePractice();
  const check = useChecker();
  const profile = useCheckerProfile(practice.id);
  const result = check && post.text.trim() ? check({ text: post.text, context: "practice" }, profile) : null;
  const previews = channelPreviews(
    { text: post.text, link: post.link, imageCount: post.images.length },
    post.channels,
    channels,
  );
  const can = (a: Post["allowed"][number]) => post.allowed.includes(a);
  return (
    <>
      <span className="nhsuk-caption-l">{practice.name}</span>
      <h1>
        Post by {post.author.name} <StateTag state={post.state} />
      </h1>
      {done ? (
        <Banner title="Done" success>
          <p>{done}</p>
        </Banner>
      ) : null}
      {post.approvalVoided ? (
        <div className="nhsuk-warning-callout" data-testid="approval-voided">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>Approval voided
            </span>
          </h2>
          <p>
            The post was edited after it was approved, so it needs approving again before it is published.
          </p>
        </div>
      ) : null}
      {post.state === "changes-requested" ? <ChangesRequestedNote post={post} /> : null}
      <dl className="nhsuk-summary-list">
        <Row label="Channels">{post.channels.map((c) => c.name).join(", ")}</Row>
        <Row label="Scheduled for">
          {post.scheduledAt ? `${formatUkDateTime(post.scheduledAt)} (UK time)` : "Not scheduled"}
        </Row>
        <Row label="Approved by">
          {post.approver && post.approvedAt
            ? `${post.approver.name}, ${formatUkDateTime(post.approvedAt)}`
            : "Not approved yet"}
        </Row>
        {post.verdict ? (
          <Row label="Checker's verdict when sent">
            <VerdictTag verdict={post.verdict} />
          </Row>
        ) : null}
        {post.overrideReason ? <Row label="Why the author went ahead">{post.overrideReason}</Row> : null}
      </dl>
      <div className="sp-inline-actions">
        {can("edit-post") ? (
          <Link className="nhsuk-button nhsuk-button--secondary" to={path(`posts/${post.id}/edit`)}>
            Edit post
          </Link>
        ) : null}
        <PostActions post={post} onChange={onChange} />
      </div>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-one-half">
          <h2 className="nhsuk-heading-m">Text and the checker&apos;s findings</h2>
          {result ? (
            <>
              <p>
                <VerdictTag verdict={result.verdict} />
              </p>
              <Marked text={post.text} result={result} />
              <FindingsList text={post.text} result={result} />
            </>
          ) : (
            <p className="nhsuk-body sp-pre-wrap">{post.text}</p>
          )}
          {post.images.length ? (
            <ul className="nhsuk-list">
              {post.images.map((img) => (
                <li key={img.id}>
                  <img className="sp-thumb" src={img.url} alt={img.altText} />
                  <span className="nhsuk-body-s">Alt text: {img.altText}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <div className="nhsuk-grid-column-one-half">
          <h2 className="nhsuk-heading-m">What each channel will be sent</h2>
          <ChannelPreviews items={previews} images={post.images} />
        </div>
      </div>
      {can("approve-post") || can("request-changes") ? (
        <ApprovalForm post={post} onChange={onChange} />
      ) : null}
      {can("schedule-post") ? <ScheduleForm post={post} onChange={onChange} /> : null}
      {post.deliveries.length ? <Deliveries post={post} onChange={onChange} /> : null}
      {post.timeline?.length ? (
        <>
          <h2 className="nhsuk-heading-m">What happened</h2>
          <ol className="nhsuk-list nhsuk-list--border" data-testid="timeline">
            {post.timeline.map((t, i) => (
              <li key={i}>
                <span className="sp-strong">{TIMELINE_EVENTS[t.event] ?? t.event}</span>
                {t.actor ? ` by ${t.actor.name}` : ""}, {formatUkDateTime(t.at)}
                {t.note ? <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">{t.note}</p> : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{children}</dd>
    </div>
  );
}
