// An approver sends the draft back: a note of what to change goes to its editor (mail through the job queue,
// and a "waiting for you" item until the draft is edited). The note is kept per revision with the version.
import { z } from "zod";
import { can } from "../../core/permissions";
import { cleanText, formatVersion } from "../../core/policy";
import type { Mail } from "../../mail/mailer";
import type { Db } from "../../store/database";
import { appendAudit } from "../audit/audit-log";
import type { AppContext } from "../context";
import { loadPermissionMember } from "../members/role-grants";
import { parsePolicyInput } from "./edit-draft";
import { authorizeBeforeInput, authorizeOnVersion, versionResource } from "./policy-permissions";
import {
  activeMembers,
  loadPractice,
  loadVersion,
  userNames,
  type ActiveMember,
  type PolicyActor,
  type PolicyVersionRow,
} from "./policy-store";
import { sendOnce } from "./reminders";

export const changeRequestSchema = z.object({
  note: z
    .string({ message: "Say what should change before it can be approved." })
    .transform((s) => cleanText(s).trim())
    .pipe(
      z
        .string()
        .min(1, "Say what should change before it can be approved.")
        .max(4000, "Keep the note to 4,000 characters."),
    ),
});

/** An approver asks for changes to the draft as it stands; its editor is told by mail (queued). */
export async function requestChanges(
  ctx: AppContext,
  practiceId: string,
  versionId: string,
  actor: PolicyActor,
  input: unknown,
): Promise<{ id: string }> {
  await authorizeBeforeInput(ctx.db, practiceId, versionId, actor, "request-changes");
  const { note } = parsePolicyInput(changeRequestSchema, input);
  return ctx.db.transaction().execute(async (trx) => {
    const v = await loadVersion(trx, practiceId, versionId, true);
    await authorizeOnVersion(trx, actor, "request-changes", v);
    const now = ctx.now();
    const row = await trx
      .insertInto("policy_change_requests")
      .values({
        practice_id: practiceId,
        version_id: v.id,
        user_id: actor.userId,
        note,
        revision: v.revision,
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendAudit(
      trx,
      {
        practiceId,
        actorId: actor.userId,
        action: "policy.changes-requested",
        targetType: "policy-version",
        targetId: v.id,
        details: { requestId: row.id, revision: v.revision },
      },
      now,
    );
    await ctx.jobs.enqueue(
      trx,
      "policy.changes-requested",
      { practiceId, requestId: row.id },
      { key: `changes:${row.id}` },
    );
    return row;
  });
}

export interface ChangeRequestView {
  id: string;
  note: string;
  by: { id: string; name: string };
  revision: number;
  /** True while the draft has not been edited since the request (the editor still has it to do). */
  open: boolean;
  createdAt: string;
}

/** A version's change requests, oldest first. */
export async function changeRequests(db: Db, v: PolicyVersionRow): Promise<ChangeRequestView[]> {
  const rows = await db
    .selectFrom("policy_change_requests")
    .selectAll()
    .where("version_id", "=", v.id)
    .where("practice_id", "=", v.practice_id)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const names = await userNames(
    db,
    rows.map((r) => r.user_id),
  );
  return rows.map((r) => ({
    id: r.id,
    note: r.note,
    by: { id: r.user_id, name: names.get(r.user_id) ?? "a former user" },
    revision: r.revision,
    open: r.revision === v.revision && (v.status === "consultation" || v.status === "draft"),
    createdAt: r.created_at.toISOString(),
  }));
}

/** Who edits the draft: its last editor when they still may, else everyone who may edit it. */
export async function draftEditors(db: Db, v: PolicyVersionRow): Promise<ActiveMember[]> {
  const resource = await versionResource(db, v);
  const editors: ActiveMember[] = [];
  for (const m of await activeMembers(db, v.practice_id)) {
    const member = await loadPermissionMember(db, v.practice_id, m.userId);
    if (member && can(member, "edit", resource)) editors.push(m);
  }
  const last = editors.find((m) => m.userId === v.last_edited_by);
  return last ? [last] : editors;
}

/** The job: mails the draft's editor what the approver asked to change (once per request and person). */
export async function sendChangeRequest(
  ctx: AppContext,
  payload: { practiceId: string; requestId: string },
): Promise<number> {
  const request = await ctx.db
    .selectFrom("policy_change_requests")
    .selectAll()
    .where("id", "=", payload.requestId)
    .where("practice_id", "=", payload.practiceId)
    .executeTakeFirst();
  if (!request) return 0;
  const v = await loadVersion(ctx.db, payload.practiceId, request.version_id);
  if (v.status !== "consultation" || v.revision !== request.revision) return 0; // edited, approved or gone
  const practice = await loadPractice(ctx.db, payload.practiceId);
  const approver = (await userNames(ctx.db, [request.user_id])).get(request.user_id) ?? "An approver";
  const version = formatVersion(v);
  let sent = 0;
  for (const e of await draftEditors(ctx.db, v)) {
    if (e.userId === request.user_id) continue;
    const mail: Mail = {
      to: e.email,
      practiceId: payload.practiceId,
      subject: `Changes asked for before the social media policy (version ${version}) can be approved`,
      text: [
        `Hello ${e.name},`,
        "",
        `${approver} has read the draft of ${practice.name}'s social media policy (version ${version}) and asks for these changes before approving it:`,
        "",
        request.note,
        "",
        "Edit the draft, then let them know it is ready for another look.",
        "",
        `${ctx.baseUrl}/practice/${payload.practiceId}/policy/versions/${v.id}`,
      ].join("\n"),
    };
    const key = `changes:${request.id}:${e.userId}`;
    if (
      await sendOnce(
        ctx,
        { key, practiceId: payload.practiceId, userId: e.userId, kind: "changes-requested" },
        mail,
      )
    )
      sent++;
  }
  return sent;
}
