// The paste box: a comment copied from anywhere (a website form, an email, a platform not connected) added by
// hand. The server checks and triages it, and tells whoever must know at once.
import { useState } from "react";
import { Link } from "react-router-dom";
import {
  CATEGORY_LABELS,
  CHANNEL_KINDS,
  RECEIVED_AT_EXAMPLE,
  type ChannelKind,
  type InboxCategory,
} from "../../core/inbox/types";
import { Button, TextField } from "../components/Fields";
import { ErrorSummary, fieldError, summaryFromError } from "../components/ErrorSummary";
import { Banner } from "../components/Messages";
import { useSubmit } from "../hooks";
import { Select, TextArea } from "../incidents/IncidentFields";
import { usePractice } from "../layouts";
import { inboxApi } from "./inbox-api";
import { CHANNEL_LABELS } from "./labels";

const FIELDS = ["channel", "author", "text", "receivedAt", "postUrl"];

export function PasteComment({ onAdded }: { onAdded: (conversationId: string) => string }) {
  const { practice } = usePractice();
  const [channel, setChannel] = useState<ChannelKind | "">("");
  const [author, setAuthor] = useState("");
  const [text, setText] = useState("");
  const [receivedAt, setReceivedAt] = useState("");
  const [postUrl, setPostUrl] = useState("");
  const [added, setAdded] = useState<{ href: string; category: string; duplicate: boolean } | null>(null);
  const { busy, error, submit } = useSubmit();
  return (
    <form
      noValidate
      aria-labelledby="paste-heading"
      onSubmit={(e) => {
        e.preventDefault();
        setAdded(null);
        void submit(async () => {
          const r = await inboxApi.add(practice.id, { channel, author, text, receivedAt, postUrl });
          const id = r.conversationIds[0];
          const category = Object.keys(r.byCategory)[0] ?? "";
          setAdded({ href: id ? onAdded(id) : "", category, duplicate: r.stored === 0 });
          setText("");
          setAuthor("");
          setReceivedAt("");
          setPostUrl("");
        });
      }}
    >
      <h2 id="paste-heading">Add a comment by hand</h2>
      <p>
        Use this for a website form message, an email, or a channel safepost does not read. Paste only the
        comment; it is checked and routed like the others.
      </p>
      {added ? (
        <Banner title="Comment added" success>
          {added.duplicate ? (
            <p>That comment was already in the inbox, so it was not added again.</p>
          ) : (
            <p>
              Read as: {CATEGORY_LABELS[added.category as InboxCategory] ?? added.category}.{" "}
              {added.href ? <Link to={added.href}>Open the conversation</Link> : null}
            </p>
          )}
        </Banner>
      ) : null}
      <ErrorSummary items={summaryFromError(error, "paste-", FIELDS)} />
      <Select
        id="paste-channel"
        label="Where was it written?"
        value={channel}
        placeholder="Choose the channel"
        options={CHANNEL_KINDS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
        onChange={setChannel}
        error={fieldError(error, "channel")}
      />
      <TextField
        id="paste-author"
        label="Who wrote it (name or handle)"
        value={author}
        onChange={setAuthor}
        hint="Leave empty if no name was given."
        error={fieldError(error, "author")}
      />
      <TextArea
        id="paste-text"
        label="The comment"
        value={text}
        onChange={setText}
        rows={5}
        error={fieldError(error, "text")}
      />
      <TextField
        id="paste-receivedAt"
        label="When it was written (UK time)"
        value={receivedAt}
        onChange={setReceivedAt}
        hint={`For example ${RECEIVED_AT_EXAMPLE}. Leave empty for now.`}
        width="20"
        error={fieldError(error, "receivedAt")}
      />
      <TextField
        id="paste-postUrl"
        label="Address of the practice's post it is under (optional)"
        value={postUrl}
        onChange={setPostUrl}
        hint="The full address, starting https://. Leave empty for a message not under a post."
        error={fieldError(error, "postUrl")}
      />
      <Button busy={busy} variant="secondary">
        Add the comment
      </Button>
    </form>
  );
}
