// The mail that tells people what the policy's consultation and approval wait on them for: everyone is asked
// to comment by the closing date, the staff representative to respond, the approvers to approve once the
// draft is ready. Each is queued by a job enqueued in the transaction of the step that causes it, and each
// mail is claimed in policy_notices first, so a job that runs twice mails nobody twice.
import { can } from "../../core/permissions";
import { formatVersion } from "../../core/policy";
import { formatUkDate } from "../../core/dates";
import type { Db } from "../../store/database";
import type { Mail } from "../../mail/mailer";
import type { AppContext } from "../context";
import {
  activeMembers,
  loadPractice,
  loadVersion,
  type ActiveMember,
  type PolicyVersionRow,
} from "./policy-store";
import { sendOnce } from "./reminders";
import { loadPermissionMember } from "../members/role-grants";
import { versionResource } from "./policy-permissions";

/** Queues the consultation mail for a draft just sent out (inside the transaction that sent it). */
export async function requestConsultationResponses(
  ctx: AppContext,
  trx: Db,
  practiceId: string,
  versionId: string,
): Promise<void> {
  await ctx.jobs.enqueue(
    trx,
    "policy.consultation-notices",
    { practiceId, versionId },
    { key: `consult:${versionId}` },
  );
}

/** Queues the approval request for this revision of a draft (inside the transaction that made it ready). */
export async function requestApproval(
  ctx: AppContext,
  trx: Db,
  practiceId: string,
  versionId: string,
  revision: number,
): Promise<void> {
  await ctx.jobs.enqueue(
    trx,
    "policy.approval-requests",
    { practiceId, versionId, revision },
    { key: `approve:${versionId}:${revision}` },
  );
}

const versionLink = (ctx: AppContext, practiceId: string, versionId: string): string =>
  `${ctx.baseUrl}/practice/${practiceId}/policy/versions/${versionId}`;

/** Mails every active member about a draft out for consultation; the staff representative is asked to respond. */
export async function sendConsultationNotices(
  ctx: AppContext,
  payload: { practiceId: string; versionId: string },
): Promise<number> {
  const { practiceId, versionId } = payload;
  const v = await loadVersion(ctx.db, practiceId, versionId);
  if (v.status !== "consultation") return 0; // approved, discarded or published before the job ran
  const practice = await loadPractice(ctx.db, practiceId);
  const version = formatVersion(v);
  const closes = formatUkDate(v.consultation_closes_on);
  const by = closes ? ` by ${closes}` : "";
  let sent = 0;
  for (const m of await activeMembers(ctx.db, practiceId)) {
    const rep = m.roles.includes("staff-rep");
    const mail: Mail = {
      to: m.email,
      practiceId,
      subject: rep
        ? `Please respond, as staff representative, to the draft social media policy${by}`
        : `Please comment on the draft social media policy${by}`,
      text: [
        `Hello ${m.name},`,
        "",
        `${practice.name} has sent a draft of its social media policy (version ${version}) out for consultation${closes ? `, open until ${closes}` : ""}.`,
        "Please read it and comment on any clause you would change. Your comments go to the practice manager.",
        ...(rep
          ? [
              "",
              "As the staff representative, please also record whether staff agree with the draft or object to it. It cannot be approved without your view.",
            ]
          : []),
        "",
        `Read and comment here: ${versionLink(ctx, practiceId, versionId)}`,
      ].join("\n"),
    };
    const key = `consult:${versionId}:${m.userId}`;
    if (await sendOnce(ctx, { key, practiceId, userId: m.userId, kind: "consultation" }, mail)) sent++;
  }
  return sent;
}

/** The approvers who may approve this version as it stands (the permission model decides, per person). */
export async function approversReady(db: Db, v: PolicyVersionRow): Promise<ActiveMember[]> {
  const resource = await versionResource(db, v);
  const members = (await activeMembers(db, v.practice_id)).filter((m) => m.roles.includes("approver"));
  const ready: ActiveMember[] = [];
  for (const m of members) {
    const member = await loadPermissionMember(db, v.practice_id, m.userId);
    if (member && can(member, "approve", resource)) ready.push(m);
  }
  return ready;
}

/** Asks the approvers to approve a draft that is ready (once per approver per revision). */
export async function sendApprovalRequests(
  ctx: AppContext,
  payload: { practiceId: string; versionId: string; revision: number },
): Promise<number> {
  const { practiceId, versionId, revision } = payload;
  const v = await loadVersion(ctx.db, practiceId, versionId);
  if (v.revision !== revision) return 0; // edited since: the staff representative is asked again first
  const practice = await loadPractice(ctx.db, practiceId);
  const version = formatVersion(v);
  let sent = 0;
  for (const a of await approversReady(ctx.db, v)) {
    const mail: Mail = {
      to: a.email,
      practiceId,
      subject: `Please approve the draft social media policy (version ${version})`,
      text: [
        `Hello ${a.name},`,
        "",
        `The draft of ${practice.name}'s social media policy (version ${version}) is ready for approval.`,
        "Read it, with the comments and the staff representative's view, then approve it if you are content.",
        "",
        versionLink(ctx, practiceId, versionId),
      ].join("\n"),
    };
    const key = `approve:${versionId}:${revision}:${a.userId}`;
    if (await sendOnce(ctx, { key, practiceId, userId: a.userId, kind: "approval-request" }, mail)) sent++;
  }
  return sent;
}
