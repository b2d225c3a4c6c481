// The practice's own website: publishing a post is recording it in the practice's news feed, which safepost
// serves itself (/p/{slug}/news, .rss, .json). No platform call, so the outcome is always known.
import type { ChannelAdapter } from "../adapter";

export const websiteAdapter: ChannelAdapter = {
  kind: "website",
  capabilities: {
    publishText: true,
    maxImages: 4,
    requiresImage: false,
    link: true,
    idempotencyKey: true,
    findPublished: false,
    readComments: false,
    reply: false,
    hide: false,
    delete: true,
    deleteComment: false,
    block: false,
    report: false,
  },
  // The connection's apiBase is the practice's news page; each item has its own anchor there.
  publish: async (conn, post) =>
    Promise.resolve({ platformId: post.deliveryId, url: `${conn.apiBase}#post-${post.deliveryId}` }),
  delete: async () => Promise.resolve(),
};
