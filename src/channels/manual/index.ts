// A channel with no API access (TikTok, Nextdoor, a WhatsApp channel): a person copies the approved text and
// images, posts them by hand, then marks the delivery posted with its address. Nothing is sent automatically.
import { ChannelError, type ChannelAdapter } from "../adapter";

export const manualAdapter: ChannelAdapter = {
  kind: "manual",
  capabilities: {
    publishText: false,
    maxImages: 4,
    requiresImage: false,
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
  },
  publish: () =>
    Promise.reject(
      new ChannelError("rejected", "This channel is posted by hand: copy the text, then mark it posted."),
    ),
};
