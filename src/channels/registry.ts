// Which adapter publishes to each kind of channel. The website and manual adapters are built in; the
// platform adapters (src/channels/<kind>/index.ts) join here as they land. Tests may register a fake.
import type { ChannelAdapter, ChannelCapabilities, ChannelKind } from "./adapter";
import { blueskyAdapter } from "./bluesky";
import { facebookAdapter } from "./facebook";
import { instagramAdapter } from "./instagram";
import { linkedinAdapter } from "./linkedin";
import { manualAdapter } from "./manual";
import { mastodonAdapter } from "./mastodon";
import { websiteAdapter } from "./website";
import { xAdapter } from "./x";

const adapters = new Map<ChannelKind, ChannelAdapter>([
  ["website", websiteAdapter],
  ["manual", manualAdapter],
  ["bluesky", blueskyAdapter],
  ["mastodon", mastodonAdapter],
  ["x", xAdapter],
  ["facebook", facebookAdapter],
  ["instagram", instagramAdapter],
  ["linkedin", linkedinAdapter],
]);

/** The adapter for a kind of channel, or null while that platform has none. */
export function adapterFor(kind: ChannelKind): ChannelAdapter | null {
  return adapters.get(kind) ?? null;
}

/** Puts an adapter in place for its kind (tests: a fake platform); returns a function that restores the old one. */
export function registerAdapter(adapter: ChannelAdapter): () => void {
  const before = adapters.get(adapter.kind);
  adapters.set(adapter.kind, adapter);
  return () => {
    if (before) adapters.set(adapter.kind, before);
    else adapters.delete(adapter.kind);
  };
}

/** What a kind of channel can do, with safe defaults for a platform whose adapter has not landed. */
export function capabilitiesOf(kind: ChannelKind): ChannelCapabilities {
  return (
    adapterFor(kind)?.capabilities ?? {
      publishText: true,
      maxImages: 4,
      requiresImage: kind === "instagram",
      link: true,
      idempotencyKey: false,
      findPublished: false,
      readComments: false,
      reply: false,
      hide: false,
      delete: false,
      deleteComment: false,
      block: false,
      report: false,
    }
  );
}
