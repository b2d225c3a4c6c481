// One preview per channel: exactly the text (and link) that channel will be sent, counted against its limit,
// with the post's images as the channel shows them: each a thumbnail whose alt text is the description sent.
import { CHANNEL_NAMES } from "../../core/posts/limits";
import type { ChannelPreview } from "../../core/posts/preview";
import { previewsFor } from "../../core/posts/preview";
import type { Channel, PostChannelRef } from "./posts-api";

const n = (x: number): string => x.toLocaleString("en-GB");

/** The previews of a post for the channels chosen, with each channel's footer and limit. */
export function channelPreviews(
  post: { text: string; link: string | null; imageCount: number },
  chosen: readonly PostChannelRef[],
  channels: readonly Channel[],
): { channel: PostChannelRef; preview: ChannelPreview }[] {
  const previews = previewsFor(
    post,
    chosen.map((ref) => {
      const c = channels.find((x) => x.id === ref.id);
      return { kind: ref.kind, footer: c?.footer ?? null, mastodonMaxChars: c?.maxChars ?? undefined };
    }),
  );
  return chosen.map((channel, i) => ({ channel, preview: previews[i]! }));
}

export function ChannelPreviews({
  items,
  images = [],
}: {
  items: readonly { channel: PostChannelRef; preview: ChannelPreview }[];
  /** The post's images in order, each with the alt text the platform is sent for it. */
  images?: readonly { id: string; url: string; altText: string }[];
}) {
  if (!items.length) return <p className="nhsuk-hint">Choose a channel to see what it will be sent.</p>;
  return (
    <div data-testid="previews">
      {items.map(({ channel, preview }) => {
        const { count } = preview;
        const over = count.over > 0;
        return (
          <section
            key={channel.id}
            className={`nhsuk-card sp-preview${preview.problems.length ? " sp-preview--problem" : ""}`}
            aria-labelledby={`preview-${channel.id}`}
            data-channel={channel.kind}
          >
            <div className="nhsuk-card__content">
              <h3 className="nhsuk-card__heading nhsuk-heading-s" id={`preview-${channel.id}`}>
                {channel.name}
                <span className="nhsuk-u-visually-hidden"> preview</span>
              </h3>
              <p className="nhsuk-body-s sp-pre-wrap sp-preview-text">{preview.text}</p>
              {images.length ? (
                <ul className="sp-preview-images" aria-label={`Images sent to ${channel.name}`}>
                  {images.map((img) => (
                    <li key={img.id}>
                      <img className="sp-thumb" src={img.url} alt={img.altText.trim()} />
                    </li>
                  ))}
                </ul>
              ) : null}
              {preview.link ? (
                <p className="nhsuk-body-s sp-break">
                  Link sent with it: <span className="sp-strong">{preview.link}</span>
                </p>
              ) : null}
              <p className={`nhsuk-body-s${over ? " sp-over" : ""}`} data-testid="count">
                {count.max === null
                  ? `${n(count.count)} ${count.unit}, no limit on ${CHANNEL_NAMES[channel.kind]}`
                  : `${n(count.count)} of ${n(count.max)} ${count.unit}`}
                {over ? <strong>: {n(count.over)} over the limit</strong> : null}
              </p>
              {preview.problems
                .filter((p) => p.code !== "too-long" || !over)
                .map((p) => (
                  <p className="nhsuk-body-s sp-over" key={p.code}>
                    <strong>{p.message}</strong>
                  </p>
                ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
