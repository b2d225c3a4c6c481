// A platform adapter for tests only: it records every publish by delivery id and does what the test tells it.
import {
  ChannelError,
  type ChannelAdapter,
  type OutgoingPost,
  type PublishedRef,
} from "../../src/channels/adapter";
import { registerAdapter } from "../../src/channels/registry";
import type { AppContext } from "../../src/app/context";

export type Behaviour = (post: OutgoingPost, call: number) => Promise<PublishedRef> | PublishedRef;

export class FakePlatform {
  /** Every publish call, in order. */
  calls: OutgoingPost[] = [];
  behave: Behaviour = (post) => ({
    platformId: `p-${post.deliveryId}`,
    url: `https://fake.example/${post.deliveryId}`,
  });
  find: ((post: OutgoingPost) => PublishedRef | null) | null = null;
  readonly restore: () => void;
  constructor(readonly kind: "linkedin" = "linkedin") {
    const adapter: ChannelAdapter = {
      kind,
      capabilities: {
        publishText: true,
        maxImages: 4,
        requiresImage: false,
        link: true,
        idempotencyKey: false,
        findPublished: true,
        readComments: false,
        reply: false,
        hide: false,
        delete: false,
        deleteComment: false,
        block: false,
        report: false,
      },
      publish: async (_conn, post) => {
        this.calls.push(post);
        return this.behave(post, this.calls.length);
      },
      findPublished: async (_conn, post) => (this.find ? this.find(post) : null),
    };
    this.restore = registerAdapter(adapter);
  }
  callsFor(deliveryId: string): number {
    return this.calls.filter((c) => c.deliveryId === deliveryId).length;
  }
}

export const fail = (kind: ChannelError["kind"], details: ChannelError["details"] = {}) => {
  throw new ChannelError(kind, `The fake platform answered ${kind}.`, details);
};

/** A connected channel of the fake platform's kind. */
export async function fakeChannel(ctx: AppContext, practiceId: string, name = "LinkedIn page") {
  const now = ctx.now();
  const row = await ctx.db
    .insertInto("channels")
    .values({
      practice_id: practiceId,
      kind: "linkedin",
      name,
      status: "connected",
      footer: "",
      max_chars: null,
      security: null,
      api_base: "http://127.0.0.1:9",
      account_id: "org-1",
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
