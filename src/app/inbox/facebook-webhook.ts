// The Meta webhook (issue 10, part 1): the Facebook Page `feed` field and the Instagram `comments` field. Meta checks the subscription with a GET carrying the verify
// token and a challenge, then POSTs changes signed with the app secret in X-Hub-Signature-256 (an HMAC-SHA-256
// of the exact body). A body whose signature matches no app secret of a practice with that Page is refused (401)
// before anything is read from it; new comments then go through the same store-once and triage as a poll.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingComment } from "../../channels/adapter";
import { AppError } from "../../core/errors";
import { appCredentialsFor } from "../channels/app-credentials";
import type { AppContext } from "../context";
import { storePlatformComments } from "./poll";

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The subscription check: the challenge back when the token is the installation's, else 403. */
export function verifyFacebookSubscription(
  ctx: AppContext,
  q: { mode?: string | undefined; token?: string | undefined; challenge?: string | undefined },
): string {
  const expected = ctx.facebookWebhookVerifyToken;
  if (!expected || q.mode !== "subscribe" || !q.token || !same(q.token, expected) || !q.challenge)
    throw new AppError("forbidden", "That verify token is not this installation's.");
  return q.challenge;
}

const unsigned = () =>
  new AppError("not-signed-in", "The webhook's signature is missing or does not match; nothing was stored.");

interface FeedChange {
  field?: string;
  value?: {
    item?: string;
    verb?: string;
    comment_id?: string;
    post_id?: string;
    parent_id?: string;
    message?: string;
    created_time?: number;
    from?: { id?: string; name?: string };
  };
}

/** The Page ids a body names, read only to find whose app secret signs it. */
function pageIds(body: Buffer): string[] {
  try {
    const parsed = JSON.parse(body.toString("utf8")) as { entry?: { id?: unknown }[] };
    return [
      ...new Set((parsed.entry ?? []).map((e) => e.id).filter((id): id is string => typeof id === "string")),
    ];
  } catch {
    return [];
  }
}

/** The `object` a body names ("page", "instagram"), read only to know whose channels to look at. */
function objectOf(body: Buffer): string | null {
  try {
    const o = (JSON.parse(body.toString("utf8")) as { object?: unknown }).object;
    return typeof o === "string" ? o : null;
  } catch {
    return null;
  }
}

interface InstagramChange {
  field?: string;
  value?: {
    id?: string;
    text?: string;
    parent_id?: string;
    from?: { id?: string; username?: string };
    media?: { id?: string };
  };
}

/** New comments from Instagram's `comments` field, the account's own answers left out. */
function instagramComments(
  entries: { id?: string; time?: number; changes?: InstagramChange[] }[],
  accountId: string | null,
): IncomingComment[] {
  const out: IncomingComment[] = [];
  for (const entry of entries) {
    if (entry.id !== accountId) continue;
    for (const change of entry.changes ?? []) {
      const v = change.value;
      if (change.field !== "comments" || !v?.id || v.from?.id === accountId) continue;
      const username = v.from?.username;
      out.push({
        platformId: v.id,
        postPlatformId: v.media?.id ?? null,
        authorHandle: username ? `@${username}` : "An Instagram user",
        authorUrl: username ? `https://www.instagram.com/${encodeURIComponent(username)}/` : null,
        url: null,
        text: v.text ?? "",
        createdAt: new Date(typeof entry.time === "number" ? entry.time * 1000 : Date.now()),
        hidden: false,
        raw: {
          id: v.id,
          text: v.text,
          from: v.from,
          ...(v.parent_id ? { parent_id: v.parent_id } : {}),
          ...(v.media?.id ? { media_id: v.media.id } : {}),
        },
      });
    }
  }
  return out;
}

/** Checks the signature, then stores each new comment once; returns how many were stored. */
export async function receiveFacebookWebhook(
  ctx: AppContext,
  body: Buffer,
  signature: string | undefined,
): Promise<{ stored: number }> {
  if (!signature?.startsWith("sha256=")) throw unsigned();
  const ids = pageIds(body);
  if (!ids.length) throw unsigned();
  // Meta sends Page changes (object "page") and Instagram ones (object "instagram", the account's id in each
  // entry) signed by the same app; which channels to look at follows from the object named.
  const kind = objectOf(body) === "instagram" ? "instagram" : "facebook";
  const channels = await ctx.db
    .selectFrom("channels")
    .select(["id", "practice_id", "account_id", "status"])
    .where("kind", "=", kind)
    .where("account_id", "in", ids)
    .execute();
  // Only channels whose practice's app secret made the signature: one app cannot speak for another's Page.
  const signedBy = [];
  for (const c of channels) {
    const secret = (await appCredentialsFor(ctx, c.practice_id, "facebook"))?.clientSecret;
    if (!secret) continue;
    const expected = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
    if (same(signature, expected)) signedBy.push(c);
  }
  if (!signedBy.length) throw unsigned();
  const parsed = JSON.parse(body.toString("utf8")) as {
    entry?: { id?: string; time?: number; changes?: FeedChange[] }[];
  };
  let stored = 0;
  if (kind === "instagram") {
    for (const c of signedBy)
      stored += await storePlatformComments(
        ctx,
        { id: c.id, practiceId: c.practice_id, kind: "instagram" },
        instagramComments(parsed.entry ?? [], c.account_id),
        "webhook",
      );
    return { stored };
  }
  for (const c of signedBy) {
    const comments: IncomingComment[] = [];
    for (const entry of parsed.entry ?? []) {
      if (entry.id !== c.account_id) continue;
      for (const change of entry.changes ?? []) {
        const v = change.value;
        if (change.field !== "feed" || v?.item !== "comment" || v.verb !== "add" || !v.comment_id) continue;
        if (v.from?.id === c.account_id) continue; // the Page's own answers
        comments.push({
          platformId: v.comment_id,
          postPlatformId: v.post_id ?? null,
          authorHandle: v.from?.name?.trim() || "A Facebook user",
          authorUrl: null,
          url: v.post_id
            ? `https://www.facebook.com/${v.post_id.replace("_", "/posts/")}?comment_id=${v.comment_id}`
            : null,
          text: v.message ?? "",
          createdAt: new Date(typeof v.created_time === "number" ? v.created_time * 1000 : Date.now()),
          hidden: false,
          raw: {
            id: v.comment_id,
            message: v.message,
            from: v.from,
            created_time: v.created_time,
            post_id: v.post_id,
            ...(v.parent_id ? { parent: { id: v.parent_id } } : {}),
          },
        });
      }
    }
    stored += await storePlatformComments(
      ctx,
      { id: c.id, practiceId: c.practice_id, kind: "facebook" },
      comments,
      "webhook",
    );
  }
  return { stored };
}
