// Comments arriving: from the paste box one at a time, from a CSV file many at once. Every comment is triaged
// on arrival (the checker in "comment" context, then routeComment), stored in its conversation, and whoever
// must know at once is mailed. All or nothing: one bad row and nothing is stored, nobody is told. The audit
// records the action and counts, never a comment's words.
import { countCheckerRuns } from "../checker/checker-counts";
import { AppError } from "../../core/errors";
import {
  triageComment,
  type ChannelKind,
  type CommentFields,
  type InboxCategory,
  type Route,
} from "../../core/inbox";
import { authorize } from "../../core/permissions";
import type { Db } from "../../store/database";
import { appendAudit } from "../audit/audit-log";
import { cachedPracticeProfile } from "../checker/cached-profile";
import type { AppContext } from "../context";
import { actingPostMember } from "../posts/permissions";
import {
  insertComment,
  markNotified,
  postByPlatformId,
  postByUrl,
  type NotifiedKind,
  type PlatformExtras,
} from "./inbox-store";
import { sendAlerts, type Alert } from "./notify";

/** A comment may say it arrived a little ahead of our clock (a platform's clock), not more. */
const FUTURE_SLACK_MS = 10 * 60_000;

export interface ReceiveSummary {
  /** Comments stored now. */
  stored: number;
  /** Comments already stored before (the same platform id), left as they were. */
  duplicates: number;
  byCategory: Partial<Record<InboxCategory, number>>;
  /** Comments someone was mailed about at once. */
  alerted: number;
  conversationIds: string[];
}

/** A comment as received: the fields a person gives, and for one from a platform its record and channel. */
export type IncomingFields = CommentFields & {
  platform?: (PlatformExtras & { channelId: string }) | undefined;
};

export interface Receiving {
  /** The member adding them; null for the operator at the server's command line. */
  actorId: string | null;
  source: "paste" | "import" | "poll" | "webhook";
  /** How an error names the comment at fault: "Line 4" for a CSV row; null for a single comment. */
  label?: (index: number) => string;
}

const plain = (label: string | null, message: string): AppError =>
  new AppError("invalid-input", label ? `${label}: ${lowerFirst(message)}` : message);
const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** Who must be mailed now, from the route. The duty clinician has no role on safepost: the admins stand in. */
function alertKinds(route: Route): NotifiedKind[] {
  const kinds = new Set<NotifiedKind>();
  for (const n of route.notify) {
    if (n.when !== "now") continue;
    if (n.to === "safeguarding-lead") kinds.add("safeguarding-lead");
    else if (n.to === "posters") kinds.add("posters");
    else if (n.to === "admin" || n.to === "duty-clinician") kinds.add("admin");
  }
  return [...kinds];
}

/** The channel id when the practice has exactly one channel of that kind. */
async function channelsByKind(db: Db, practiceId: string): Promise<Map<string, string | null>> {
  const rows = await db
    .selectFrom("channels")
    .select(["id", "kind"])
    .where("practice_id", "=", practiceId)
    .execute();
  const out = new Map<string, string | null>();
  for (const r of rows) out.set(r.kind, out.has(r.kind) ? null : r.id);
  return out;
}

/** Stores comments (already checked field by field), each triaged, in one transaction. */
export async function receiveComments(
  ctx: AppContext,
  practiceId: string,
  comments: readonly IncomingFields[],
  how: Receiving,
): Promise<ReceiveSummary> {
  const label = (i: number): string | null => (how.label ? how.label(i) : null);
  if (how.actorId !== null) {
    const member = await actingPostMember(ctx.db, practiceId, how.actorId);
    authorize(member, "manage-inbox", { type: "practice" });
  }
  const now = ctx.now();
  const posts = new Map<string, Awaited<ReturnType<typeof postByUrl>>>();
  // A platform's comment is under the practice's post if that post went out through safepost on this channel.
  const platformKey = (c: IncomingFields) =>
    c.platform?.postPlatformId ? `${c.platform.channelId} ${c.platform.postPlatformId}` : null;
  const platformPosts = new Map<string, Awaited<ReturnType<typeof postByPlatformId>>>();
  for (const [i, c] of comments.entries()) {
    if (c.receivedAt && c.receivedAt.getTime() > now.getTime() + FUTURE_SLACK_MS)
      throw plain(label(i), "The time it was received is in the future. Check the date.");
    const key = platformKey(c);
    if (key && !platformPosts.has(key))
      platformPosts.set(
        key,
        await postByPlatformId(ctx.db, c.platform!.channelId, c.platform!.postPlatformId!),
      );
    if (!c.postUrl || posts.has(c.postUrl)) continue;
    posts.set(c.postUrl, await postByUrl(ctx.db, practiceId, c.postUrl));
  }
  for (const [i, c] of comments.entries())
    if (c.postUrl && !posts.get(c.postUrl))
      throw plain(
        label(i),
        "The post address is not one of the practice's published posts. Copy the address of the post from the archive, or leave it empty for a comment not under a practice post.",
      );
  const channels = await channelsByKind(ctx.db, practiceId);
  const profile = await cachedPracticeProfile(ctx, practiceId);
  const triaged = comments.map((c) => {
    const receivedAt = c.receivedAt ?? now;
    const { result, route } = triageComment(c.text, { receivedAt, profile });
    return { c, receivedAt, route, findings: result.findings };
  });

  return ctx.db.transaction().execute(async (trx) => {
    const summary: ReceiveSummary = {
      stored: 0,
      duplicates: 0,
      byCategory: {},
      alerted: 0,
      conversationIds: [],
    };
    const alerts: Alert[] = [];
    const conversations = new Set<string>();
    // The checker's findings of each comment stored (not of duplicates), for the practice's monthly counts.
    const counted: (typeof triaged)[number]["findings"][] = [];
    for (const t of triaged) {
      const key = platformKey(t.c);
      const fromPlatform = key ? (platformPosts.get(key) ?? null) : null;
      const post = t.c.postUrl ? posts.get(t.c.postUrl)! : fromPlatform;
      const channel: ChannelKind = t.c.channel;
      const stored = await insertComment(
        trx,
        {
          practiceId,
          channel,
          channelId:
            t.c.platform?.channelId ??
            (post && post.kind === channel ? post.channelId : (channels.get(channel) ?? null)),
          platformId: t.c.platformId,
          postId: post?.postId ?? null,
          postUrl: t.c.postUrl ?? fromPlatform?.url ?? null,
          platform: t.c.platform,
          authorHandle: t.c.author,
          text: t.c.text,
          receivedAt: t.receivedAt,
          source: how.source,
          route: t.route,
          findings: t.findings.map((f) => ({ rule: f.rule, reason: f.reason, severity: f.severity })),
          createdBy: how.actorId,
        },
        now,
      );
      if (!stored) {
        summary.duplicates++;
        continue;
      }
      summary.stored++;
      counted.push(t.findings);
      summary.byCategory[t.route.category] = (summary.byCategory[t.route.category] ?? 0) + 1;
      conversations.add(stored.conversation.id);
      const to = alertKinds(t.route);
      if (to.length) {
        alerts.push({
          commentId: stored.comment.id,
          conversationId: stored.conversation.id,
          category: t.route.category,
          channel,
          receivedAt: t.receivedAt,
          to,
        });
        await markNotified(trx, [stored.comment.id], to);
      }
    }
    await sendAlerts(ctx, trx, practiceId, alerts);
    await countCheckerRuns(trx, practiceId, counted, now);
    summary.alerted = alerts.length;
    summary.conversationIds = [...conversations];
    const details: Record<string, number> = {
      stored: summary.stored,
      duplicates: summary.duplicates,
      alerted: summary.alerted,
    };
    for (const [k, n] of Object.entries(summary.byCategory)) details[k] = n;
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: how.actorId,
        action:
          how.source === "import"
            ? "inbox.comments-imported"
            : how.source === "paste"
              ? "inbox.comment-added"
              : `inbox.comments-${how.source === "poll" ? "polled" : "pushed"}`,
        targetType: how.source === "paste" && summary.conversationIds[0] ? "conversation" : null,
        targetId: how.source === "paste" ? (summary.conversationIds[0] ?? null) : null,
        details,
      },
      now,
    );
    return summary;
  });
}
