// A practice's channel connected straight in the database (as the connect flow would leave it) to a contract
// server, and a post recorded as published on it: what the inbox's tests need before comments can arrive.
import type { AppContext } from "../../../src/app/context";
import { sealCredentials } from "../../../src/app/channels/connect-credentials";
import type { ChannelKind, PublishedRef } from "../../../src/channels/adapter";
import { publishedPost } from "../../media/published-fixture";

export async function connectChannel(
  ctx: AppContext,
  c: {
    practiceId: string;
    kind: ChannelKind;
    name: string;
    apiBase: string;
    accountId: string;
    token: string;
  },
): Promise<string> {
  const now = ctx.now();
  const { id } = await ctx.db
    .insertInto("channels")
    .values({
      practice_id: c.practiceId,
      kind: c.kind,
      name: c.name,
      status: "connected",
      footer: "",
      max_chars: null,
      security: null,
      api_base: c.apiBase,
      account_id: c.accountId,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await ctx.db
    .updateTable("channels")
    .set({ credentials_enc: sealCredentials(ctx, id, { accessToken: c.token }) })
    .where("id", "=", id)
    .execute();
  return id;
}

/** Records `ref` (what the adapter's publish returned) as the practice's approved post, published on the channel. */
export async function recordPublished(
  ctx: AppContext,
  p: {
    practiceId: string;
    channelId: string;
    authorId: string;
    approverId: string;
    text: string;
    ref: PublishedRef;
  },
): Promise<void> {
  await publishedPost(ctx.db, {
    practiceId: p.practiceId,
    authorId: p.authorId,
    approverId: p.approverId,
    text: p.text,
    channels: [{ id: p.channelId, url: p.ref.url, platformId: p.ref.platformId }],
    publishedAt: ctx.now(),
  });
}
