// The admin's oversight dashboard (issue 11, part 5): open cases and their breach clocks, posts and replies
// awaiting approval, the inbox, acknowledgements outstanding, the policy's review date, each channel's account
// security review and, when the practice keeps them, the checker's monthly counts by rule. Read-only; each part
// is read with the same rules its own area uses (the register's visibility, the waiting list's review year).
import type { z } from "zod";
import type { oversightResponse } from "../../contracts/oversight";
import { addDays, ukIsoDay } from "../../core/dates";
import { notFound } from "../../core/errors";
import { ruleLabel } from "../../core/oversight/checker-counts";
import { authorize, can } from "../../core/permissions";
import { formatVersion, reviewState } from "../../core/policy";
import { INCIDENT_TYPES } from "../../core/incidents/types";
import type { Db } from "../../store/database";
import { loadChannels, securityOf } from "../channels/channels";
import { checkerCountsOf } from "../checker/checker-counts";
import type { AppContext } from "../context";
import { listIncidents, listIncidentsForOperator, type IncidentSummary } from "../incidents";
import { loadPermissionMember } from "../members/role-grants";
import { myAccountsCompletionRate } from "../my-accounts";
import { acknowledgementStatus } from "../policy/acknowledgements";
import { loadPractice, loadPublished, userNames } from "../policy/policy-store";
import { SECURITY_REVIEW_DAYS } from "../posts/waiting";

export type Oversight = z.infer<typeof oversightResponse>;

/** The dashboard for an admin of the practice: another practice's members get 404, other roles 403. */
export async function readOversight(
  ctx: AppContext,
  practiceId: string,
  actor: { userId: string },
): Promise<Oversight> {
  const member = await loadPermissionMember(ctx.db, practiceId, actor.userId);
  if (!member) throw notFound("That practice");
  authorize(member, "view-oversight", { type: "practice" });
  // The register's own rule: an admin sees every case except one about themselves.
  const { incidents } = await listIncidents(ctx, practiceId, actor);
  return gather(ctx, practiceId, incidents, can(member, "manage-checker-counts", { type: "practice" }));
}

/** The dashboard for the person at the server's command line (`safepost oversight`): every case counts. */
export async function readOversightForOperator(ctx: AppContext, practiceId: string): Promise<Oversight> {
  return gather(ctx, practiceId, await listIncidentsForOperator(ctx, practiceId), false);
}

async function gather(
  ctx: AppContext,
  practiceId: string,
  allCases: readonly IncidentSummary[],
  canManageCheckerCounts: boolean,
): Promise<Oversight> {
  const now = ctx.now();
  const today = ukIsoDay(now);
  const practice = await loadPractice(ctx.db, practiceId);
  const cases = allCases.filter((c) => c.status !== "closed");
  const counts = await checkerCountsOf(ctx.db, practiceId, now);
  return {
    practice: { id: practice.id, name: practice.name },
    generatedAt: now.toISOString(),
    incidents: {
      reported: cases.filter((c) => c.status === "reported").length,
      open: cases.filter((c) => c.status === "open").length,
      byType: INCIDENT_TYPES.map((type) => ({
        type,
        reported: cases.filter((c) => c.type === type && c.status === "reported").length,
        open: cases.filter((c) => c.type === type && c.status === "open").length,
      })).filter((t) => t.reported + t.open > 0),
      // Breaches first, the nearest deadline first; then the rest, newest first.
      cases: [...cases].sort(
        (a, b) =>
          Number(!!b.breach && !b.breach.decided) - Number(!!a.breach && !a.breach.decided) ||
          (a.breach?.deadline ?? "").localeCompare(b.breach?.deadline ?? "") ||
          b.number - a.number,
      ),
      undecidedBreaches: cases.filter((c) => c.breach && !c.breach.decided).length,
    },
    posts: await postsPart(ctx.db, practiceId),
    inbox: await inboxPart(ctx.db, practiceId, today),
    acknowledgements: await acknowledgementsPart(ctx.db, practiceId),
    myAccounts: await myAccountsCompletionRate(ctx.db, practiceId),
    policy: await policyPart(ctx.db, practiceId, today),
    channels: (await loadChannels(ctx.db, practiceId))
      .filter((c) => c.kind !== "website")
      .map((c) => {
        const security = securityOf(c);
        const last = security?.lastReviewedOn ?? null;
        const due = last ? addDays(last, SECURITY_REVIEW_DAYS) : today;
        return {
          id: c.id,
          name: c.name,
          kind: c.kind as Oversight["channels"][number]["kind"],
          status: c.status as Oversight["channels"][number]["status"],
          twoFactor: security ? security.twoFactor : null,
          lastReviewedOn: last,
          reviewDue: due,
          overdue: due <= today,
        };
      }),
    checkerCounts: { ...counts, rules: counts.rules.map((r) => ({ ...r, label: ruleLabel(r.rule) })) },
    canManageCheckerCounts,
  };
}

async function postsPart(db: Db, practiceId: string): Promise<Oversight["posts"]> {
  const posts = await db
    .selectFrom("posts")
    .select(["id", "state", "author_id", "submitted_at", "scheduled_at"])
    .where("practice_id", "=", practiceId)
    .where("state", "in", ["awaiting-approval", "changes-requested", "failed", "needs-check"])
    .orderBy("submitted_at")
    .orderBy("id")
    .execute();
  const waiting = posts.filter((p) => p.state === "awaiting-approval");
  const names = await userNames(
    db,
    waiting.map((p) => p.author_id),
  );
  return {
    awaitingApproval: waiting.length,
    changesRequested: posts.filter((p) => p.state === "changes-requested").length,
    needAttention: posts.filter((p) => p.state === "failed" || p.state === "needs-check").length,
    waiting: waiting.map((p) => ({
      id: p.id,
      author: names.get(p.author_id) ?? "a former user",
      submittedAt: p.submitted_at?.toISOString() ?? null,
      scheduledAt: p.scheduled_at?.toISOString() ?? null,
    })),
  };
}

async function inboxPart(db: Db, practiceId: string, today: string): Promise<Oversight["inbox"]> {
  const open = await db
    .selectFrom("inbox_conversations")
    .select(["status", "priority", "acknowledge_by"])
    .where("practice_id", "=", practiceId)
    .where("status", "in", ["new", "in_progress", "awaiting_approval"])
    .execute();
  const replies = await db
    .selectFrom("inbox_replies")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("practice_id", "=", practiceId)
    .where("state", "=", "awaiting-approval")
    .executeTakeFirstOrThrow();
  const complaints = open.filter((c) => c.acknowledge_by);
  return {
    new: open.filter((c) => c.status === "new").length,
    inProgress: open.filter((c) => c.status === "in_progress").length,
    awaitingApproval: open.filter((c) => c.status === "awaiting_approval").length,
    urgent: open.filter((c) => c.priority === "urgent").length,
    complaintsToAcknowledge: complaints.length,
    acknowledgementsOverdue: complaints.filter((c) => c.acknowledge_by! < today).length,
    repliesAwaitingApproval: Number(replies.n),
  };
}

async function acknowledgementsPart(db: Db, practiceId: string): Promise<Oversight["acknowledgements"]> {
  const status = await acknowledgementStatus(db, practiceId);
  if (!status) return null;
  return {
    version: status.version,
    acknowledged: status.acknowledged,
    total: status.total,
    outstanding: status.total - status.acknowledged,
    percent: status.total ? Math.floor((status.acknowledged * 100) / status.total) : 100,
  };
}

async function policyPart(db: Db, practiceId: string, today: string): Promise<Oversight["policy"]> {
  const published = await loadPublished(db, practiceId);
  if (!published) return null;
  const due = published.review_due;
  return { version: formatVersion(published), reviewDue: due, state: due ? reviewState(due, today) : "ok" };
}
