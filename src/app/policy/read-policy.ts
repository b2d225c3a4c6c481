import {
  commentSummary,
  diffPolicies,
  findClause,
  formatVersion,
  isClauseInForce,
  isoDay,
  missingPlaceholders,
  numberedClauses,
  renderPolicy,
  reviewState,
  type ClauseDiff,
  type RenderedSection,
  type ReviewState,
} from "../../core/policy";
import { allowedActions, type ActionOf } from "../../core/permissions";
import type { Db } from "../../store/database";
import { loadPermissionMember } from "../members/role-grants";
import { policyResource, versionResource } from "./policy-permissions";
import type { AppContext } from "../context";
import {
  findPracticeBySlug,
  loadOpenDraft,
  loadPractice,
  loadPublished,
  loadVersion,
  loadVersions,
  userNames,
  type PolicyVersionRow,
  type PracticeInfo,
} from "./policy-store";
import { acknowledgementStatus } from "./acknowledgements";
import { changeRequests } from "./change-requests";

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export interface VersionMeta {
  id: string;
  version: string;
  status: string;
  changeKind: string;
  changelog: string;
  revision: number;
  createdAt: string;
  lastEditedAt: string;
  lastEditedBy: { id: string; name: string } | null;
  approvedBy: { id: string; name: string } | null;
  approvedAt: string | null;
  publishedAt: string | null;
  reviewDue: string | null;
  basedOnId: string | null;
  /** The consultation's closing day (ISO), once it has been sent out. */
  consultationClosesOn: string | null;
}

function meta(v: PolicyVersionRow, names: Map<string, string>): VersionMeta {
  const who = (id: string | null): { id: string; name: string } | null =>
    id ? { id, name: names.get(id) ?? "a former user" } : null;
  return {
    id: v.id,
    version: formatVersion(v),
    status: v.status,
    changeKind: v.change_kind,
    changelog: v.changelog,
    revision: v.revision,
    createdAt: v.created_at.toISOString(),
    lastEditedAt: v.last_edited_at.toISOString(),
    lastEditedBy: who(v.last_edited_by),
    approvedBy: who(v.approved_by),
    approvedAt: iso(v.approved_at),
    publishedAt: iso(v.published_at),
    reviewDue: v.review_due,
    basedOnId: v.based_on_id,
    consultationClosesOn: v.consultation_closes_on,
  };
}

export async function listVersions(db: Db, practiceId: string): Promise<VersionMeta[]> {
  const rows = await loadVersions(db, practiceId);
  const names = await userNames(
    db,
    rows.flatMap((r) => [r.last_edited_by, r.approved_by]),
  );
  return rows.map((r) => meta(r, names));
}

/** What `viewerId` may do on the version now (empty without a viewer, or for one who is no longer a member). */
async function allowedOnVersion(
  db: Db,
  v: PolicyVersionRow,
  viewerId: string | undefined,
): Promise<ActionOf<"policy-version">[]> {
  const member = viewerId ? await loadPermissionMember(db, v.practice_id, viewerId) : null;
  return member ? allowedActions(member, await versionResource(db, v)) : [];
}

/**
 * One version for reading and editing: its document, numbered clauses, comments (kept when their clause goes),
 * the staff rep's decisions, and `allowed`, what the viewer may do on it (the web app's buttons follow it).
 */
export async function versionView(ctx: AppContext, practiceId: string, versionId: string, viewerId?: string) {
  const v = await loadVersion(ctx.db, practiceId, versionId);
  const practice = await loadPractice(ctx.db, practiceId);
  const day = isoDay(ctx.now());
  const comments = await ctx.db
    .selectFrom("policy_comments")
    .selectAll()
    .where("version_id", "=", v.id)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const decisions = await ctx.db
    .selectFrom("policy_staff_rep_decisions")
    .selectAll()
    .where("version_id", "=", v.id)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const names = await userNames(ctx.db, [
    v.last_edited_by,
    v.approved_by,
    ...comments.flatMap((c) => [c.author_id, c.replied_by]),
    ...decisions.map((d) => d.user_id),
  ]);
  const who = (id: string | null) => (id ? { id, name: names.get(id) ?? "a former user" } : null);
  const commentViews = comments.map((c) => {
    const now = findClause(v.document, c.clause_key);
    return {
      id: c.id,
      clauseKey: c.clause_key,
      clauseNumber: now?.number ?? null,
      clauseNumberWhenWritten: c.clause_number,
      clauseTitle: now?.clause.title ?? c.clause_title,
      clauseRemoved: !now,
      author: { id: c.author_id, name: names.get(c.author_id) ?? "a former user" },
      body: c.body,
      createdAt: c.created_at.toISOString(),
      reply: c.reply ? { text: c.reply, by: who(c.replied_by), at: iso(c.replied_at) } : null,
      resolved: !!c.resolved_at,
      resolvedAt: iso(c.resolved_at),
    };
  });
  const allText = numberedClauses(v.document)
    .map((n) => `${n.clause.title} ${n.clause.text}`)
    .join("\n");
  return {
    ...meta(v, names),
    allowed: await allowedOnVersion(ctx.db, v, viewerId),
    practice: { id: practice.id, name: practice.name, slug: practice.slug },
    document: v.document,
    clauses: numberedClauses(v.document).map((n) => ({
      key: n.clause.key,
      number: n.number,
      sectionTitle: n.sectionTitle,
      inForce: isClauseInForce(n.clause, day),
    })),
    rendered: renderPolicy(v.document, { details: practice.details, day }),
    /** Every clause, hot topics that have ended or not yet started included (marked), for editors. */
    renderedAll: renderPolicy(v.document, { details: practice.details, day, includeNotInForce: true }),
    missingSettings: missingPlaceholders(allText, practice.details),
    comments: commentViews,
    /** Comments per clause, unresolved first: the staff representative reads it above their form. */
    commentSummary: commentSummary(commentViews),
    changeRequests: await changeRequests(ctx.db, v),
    staffRepDecisions: decisions.map((d) => ({
      id: d.id,
      decision: d.decision,
      note: d.note,
      revision: d.revision,
      aboutCurrentRevision: d.revision === v.revision,
      by: { id: d.user_id, name: names.get(d.user_id) ?? "a former user" },
      createdAt: d.created_at.toISOString(),
    })),
  };
}

export async function diffVersions(
  db: Db,
  practiceId: string,
  fromId: string,
  toId: string,
): Promise<{ from: string; to: string; clauses: ClauseDiff[] }> {
  const a = await loadVersion(db, practiceId, fromId);
  const b = await loadVersion(db, practiceId, toId);
  const { details } = await loadPractice(db, practiceId);
  return {
    from: formatVersion(a),
    to: formatVersion(b),
    clauses: diffPolicies(a.document, b.document, details),
  };
}

export interface PolicySummary {
  published: {
    id: string;
    version: string;
    publishedAt: string | null;
    reviewDue: string | null;
    reviewState: ReviewState | null;
  } | null;
  draft: { id: string; version: string; status: string; closesOn: string | null } | null;
  acknowledgements: { acknowledged: number; total: number } | null;
  me: { mustAcknowledge: boolean; acknowledgedAt: string | null };
  needsReview: boolean;
  /** What the member may do on the policy as a whole (start a draft, move the review date, …). */
  allowed: ActionOf<"policy">[];
}

/** The policy at a glance, for the home page: review state, open draft, acknowledgement rate, and whether I must read it. */
export async function policySummary(
  ctx: AppContext,
  practiceId: string,
  userId: string,
): Promise<PolicySummary> {
  const published = await loadPublished(ctx.db, practiceId);
  const draft = await loadOpenDraft(ctx.db, practiceId);
  const day = isoDay(ctx.now());
  const state = published?.review_due ? reviewState(published.review_due, day) : null;
  const acks = published ? await acknowledgementStatus(ctx.db, practiceId) : null;
  const mine = acks?.members.find((m) => m.userId === userId);
  const member = await loadPermissionMember(ctx.db, practiceId, userId);
  return {
    published: published
      ? {
          id: published.id,
          version: formatVersion(published),
          publishedAt: iso(published.published_at),
          reviewDue: published.review_due,
          reviewState: state,
        }
      : null,
    draft: draft
      ? {
          id: draft.id,
          version: formatVersion(draft),
          status: draft.status,
          closesOn: draft.consultation_closes_on,
        }
      : null,
    acknowledgements: acks ? { acknowledged: acks.acknowledged, total: acks.total } : null,
    me: {
      mustAcknowledge: !!published && !!mine && !mine.acknowledgedAt,
      acknowledgedAt: mine?.acknowledgedAt ?? null,
    },
    needsReview: state === "overdue",
    allowed: member ? allowedActions(member, await policyResource(ctx.db, practiceId)) : [],
  };
}

export interface PublishedPolicy {
  practice: PracticeInfo;
  version: string;
  versionId: string;
  publishedAt: Date;
  reviewDue: string | null;
  sections: RenderedSection[];
  history: { version: string; publishedAt: string | null; changeKind: string; changelog: string }[];
}

/** The published policy as it reads today (ended hot topics dropped), with its version history. */
export async function publishedPolicy(
  ctx: AppContext,
  practice: PracticeInfo,
  o: { patientFacingOnly?: boolean; versionId?: string } = {},
): Promise<PublishedPolicy | null> {
  const v = o.versionId
    ? await loadVersion(ctx.db, practice.id, o.versionId)
    : await loadPublished(ctx.db, practice.id);
  if (!v || !v.published_at) return null;
  const history = (await loadVersions(ctx.db, practice.id))
    .filter((r) => r.published_at)
    .map((r) => ({
      version: formatVersion(r),
      publishedAt: iso(r.published_at),
      changeKind: r.change_kind,
      changelog: r.changelog,
    }));
  return {
    practice,
    version: formatVersion(v),
    versionId: v.id,
    publishedAt: v.published_at,
    reviewDue: v.review_due,
    sections: renderPolicy(v.document, {
      details: practice.details,
      day: isoDay(ctx.now()),
      patientFacingOnly: o.patientFacingOnly ?? false,
    }),
    history,
  };
}

export async function publishedPolicyBySlug(
  ctx: AppContext,
  slug: string,
  patientFacingOnly: boolean,
): Promise<PublishedPolicy | null> {
  const practice = await findPracticeBySlug(ctx.db, slug);
  return practice ? publishedPolicy(ctx, practice, { patientFacingOnly }) : null;
}
