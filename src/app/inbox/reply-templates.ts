// The practice's reply templates (issue 10, part 4): the admin writes, changes and archives them and may mark one
// pre-approved for its category; a practice starts with the built-in replies, seeded the first time anyone
// reads its templates (once, also when two people look at once). Templates are filled from the practice's
// settings (phone, links, complaints route) when they are shown.
import type { Selectable } from "kysely";
import { notFound } from "../../core/errors";
import { knownIdShape } from "../../core/ids";
import {
  CATEGORY_LABELS,
  DEFAULT_REPLY_TEMPLATES,
  fillReplyTemplate,
  type InboxCategory,
  type ReplyDetails,
  type ReplyTemplateInput,
} from "../../core/inbox";
import { authorize, can, type PermissionMember } from "../../core/permissions";
import { practiceDetails } from "../../core/policy/placeholders";
import type { Db } from "../../store/database";
import type { InboxReplyTemplateTable } from "../../store/schema";
import { appendAudit } from "../audit/audit-log";
import type { AppContext } from "../context";
import { actingPostMember } from "../posts/permissions";

export type TemplateRow = Selectable<InboxReplyTemplateTable>;

/** The details templates fill from: the practice's name and the routes in its settings. */
export async function replyDetailsOf(db: Db, practiceId: string): Promise<ReplyDetails> {
  const p = await db
    .selectFrom("practices")
    .select(["name", "settings"])
    .where("id", "=", practiceId)
    .executeTakeFirst();
  if (!p) throw notFound("That practice");
  return practiceDetails(p.name, p.settings);
}

/** Seeds the built-in replies for a practice that has no templates yet (idempotent, safe to race). */
export async function ensureDefaultTemplates(db: Db, practiceId: string, now: Date): Promise<void> {
  const any = await db
    .selectFrom("inbox_reply_templates")
    .select("id")
    .where("practice_id", "=", practiceId)
    .limit(1)
    .executeTakeFirst();
  if (any) return;
  await db
    .insertInto("inbox_reply_templates")
    .values(
      DEFAULT_REPLY_TEMPLATES.map((t, i) => ({
        practice_id: practiceId,
        category: t.category,
        name: t.name,
        text: t.text,
        builtin_key: t.key,
        created_by: null,
        // Consecutive milliseconds keep the built-in order when listed by creation.
        created_at: new Date(now.getTime() - DEFAULT_REPLY_TEMPLATES.length + i),
        updated_at: now,
      })),
    )
    .onConflict((oc) =>
      oc.columns(["practice_id", "builtin_key"]).where("builtin_key", "is not", null).doNothing(),
    )
    .execute();
}

/** The practice's templates (seeding the defaults first), by category then the order they were written. */
export async function templatesOf(
  db: Db,
  practiceId: string,
  now: Date,
  includeArchived: boolean,
): Promise<TemplateRow[]> {
  await ensureDefaultTemplates(db, practiceId, now);
  let q = db.selectFrom("inbox_reply_templates").selectAll().where("practice_id", "=", practiceId);
  if (!includeArchived) q = q.where("archived_at", "is", null);
  const rows = await q.orderBy("created_at").orderBy("id").execute();
  const order = (c: string) => Object.keys(CATEGORY_LABELS).indexOf(c);
  return rows.sort((a, b) => order(a.category) - order(b.category));
}

/** A template as the API answers it: its words as written and as they read for this practice now. */
export function templateView(t: TemplateRow, details: ReplyDetails, member: PermissionMember) {
  return {
    id: t.id,
    category: t.category as InboxCategory,
    categoryLabel: CATEGORY_LABELS[t.category as InboxCategory] ?? t.category,
    name: t.name,
    text: t.text,
    filled: fillReplyTemplate(t.text, details),
    preApproved: t.pre_approved,
    archived: t.archived_at !== null,
    builtIn: t.builtin_key !== null,
    updatedAt: t.updated_at.toISOString(),
    allowed: can(member, "manage-reply-templates", { type: "practice" }) ? ["edit"] : [],
  };
}
export type TemplateView = ReturnType<typeof templateView>;

/** The practice's reply templates, for anyone who may see the inbox (archived ones on request). */
export async function listReplyTemplates(
  ctx: AppContext,
  practiceId: string,
  actor: { userId: string },
  options: { includeArchived?: boolean | undefined } = {},
): Promise<{ templates: TemplateView[]; allowed: string[] }> {
  const member = await actingPostMember(ctx.db, practiceId, actor.userId);
  authorize(member, "view-inbox", { type: "practice" });
  const rows = await ctx.db
    .transaction()
    .execute((trx) => templatesOf(trx, practiceId, ctx.now(), options.includeArchived ?? false));
  const details = await replyDetailsOf(ctx.db, practiceId);
  return {
    templates: rows.map((t) => templateView(t, details, member)),
    allowed: can(member, "manage-reply-templates", { type: "practice" }) ? ["create"] : [],
  };
}

async function audit(
  trx: Db,
  practiceId: string,
  actorId: string,
  action: string,
  t: TemplateRow,
  now: Date,
): Promise<void> {
  // The template's id, category and flags: never its words.
  await appendAudit(
    trx,
    {
      practiceId,
      actorId,
      action,
      targetType: "reply-template",
      targetId: t.id,
      details: { category: t.category, preApproved: t.pre_approved, archived: t.archived_at !== null },
    },
    now,
  );
}

/** The admin writes a new template. */
export async function createReplyTemplate(
  ctx: AppContext,
  practiceId: string,
  actor: { userId: string },
  input: ReplyTemplateInput,
): Promise<TemplateView> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const member = await actingPostMember(trx, practiceId, actor.userId);
    authorize(member, "manage-reply-templates", { type: "practice" });
    await ensureDefaultTemplates(trx, practiceId, now);
    const row = await trx
      .insertInto("inbox_reply_templates")
      .values({
        practice_id: practiceId,
        category: input.category,
        name: input.name,
        text: input.text,
        pre_approved: input.preApproved,
        builtin_key: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, practiceId, actor.userId, "inbox.template-created", row, now);
    return templateView(row, await replyDetailsOf(trx, practiceId), member);
  });
}

export type ReplyTemplateChange = {
  [K in keyof ReplyTemplateInput]?: ReplyTemplateInput[K] | undefined;
} & { archived?: boolean | undefined };

/** The admin changes a template's words, name, category or pre-approval, or archives it (or brings it back). */
export async function updateReplyTemplate(
  ctx: AppContext,
  practiceId: string,
  templateId: string,
  actor: { userId: string },
  change: ReplyTemplateChange,
): Promise<TemplateView> {
  knownIdShape(templateId, "That template");
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const member = await actingPostMember(trx, practiceId, actor.userId);
    authorize(member, "manage-reply-templates", { type: "practice" });
    const t = await trx
      .selectFrom("inbox_reply_templates")
      .selectAll()
      .where("id", "=", templateId)
      .where("practice_id", "=", practiceId)
      .forUpdate()
      .executeTakeFirst();
    if (!t) throw notFound("That template");
    const patch: {
      name?: string;
      text?: string;
      category?: string;
      pre_approved?: boolean;
      archived_at?: Date | null;
    } = {};
    if (change.name !== undefined && change.name !== t.name) patch.name = change.name;
    if (change.text !== undefined && change.text !== t.text) patch.text = change.text;
    if (change.category !== undefined && change.category !== t.category) patch.category = change.category;
    if (change.preApproved !== undefined && change.preApproved !== t.pre_approved)
      patch.pre_approved = change.preApproved;
    if (change.archived !== undefined && change.archived !== (t.archived_at !== null))
      patch.archived_at = change.archived ? now : null;
    if (!Object.keys(patch).length) return templateView(t, await replyDetailsOf(trx, practiceId), member);
    const row = await trx
      .updateTable("inbox_reply_templates")
      .set({ ...patch, updated_at: now })
      .where("id", "=", t.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, practiceId, actor.userId, "inbox.template-changed", row, now);
    return templateView(row, await replyDetailsOf(trx, practiceId), member);
  });
}
