import { z } from "zod";
import { calendarDay } from "../../core/dates";
import { listAudit } from "../../app/audit/list-audit";
import { listPracticeOutbox } from "../../app/practices/outbox";
import { chainHead, lastVerification, verifyAndRecord } from "../../app/audit/verifications";
import { requireMember } from "../auth";
import { toCsv } from "../csv";
import { CSV, sendDownload } from "../download";
import { parse } from "../validate";
import { practiceParams } from "../../contracts";
import type { RouteModule } from "./index";

const day = calendarDay();
const auditQuery = z.object({
  before: z
    .string()
    .regex(/^\d{1,18}$/, "Must be an entry number.")
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  actor: z.uuid({ error: "Must be a person's id." }).optional(),
  action: z
    .string()
    .regex(/^[a-z-]+(\.[a-z-]+)?$/, "Must be an action such as policy.approved, or a group such as policy.")
    .optional(),
  from: day.optional(),
  to: day.optional(),
});

/** The admin's evidence: the outbox and the audit trail. */
export const adminRoutes: RouteModule = (app, ctx) => {
  app.get("/api/practices/:practiceId/outbox", async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    await requireMember(ctx, req, practiceId, "view-outbox");
    return { mails: await listPracticeOutbox(ctx.db, practiceId) };
  });

  app.get("/api/practices/:practiceId/audit", async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    await requireMember(ctx, req, practiceId, "view-audit");
    const { actor, ...q } = parse(auditQuery, req.query);
    const page = await listAudit(ctx, practiceId, { ...q, actorId: actor });
    // The last recorded verification, not a fresh one: re-hashing the whole chain on every view does not scale.
    return {
      ...page,
      head: await chainHead(ctx.db, practiceId),
      verification: await lastVerification(ctx.db, practiceId),
    };
  });

  app.post("/api/practices/:practiceId/audit/verify", async (req) => {
    const { practiceId } = parse(practiceParams, req.params);
    const member = await requireMember(ctx, req, practiceId, "verify-audit");
    return { verification: await verifyAndRecord(ctx, practiceId, member.userId) };
  });

  app.get("/api/practices/:practiceId/audit.csv", async (req, reply) => {
    const { practiceId } = parse(practiceParams, req.params);
    await requireMember(ctx, req, practiceId, "view-audit");
    const { actor, action, from, to } = parse(auditQuery, req.query);
    const filters = { actorId: actor, action, from, to };
    const rows: unknown[][] = [];
    let before: string | undefined;
    for (;;) {
      const page = await listAudit(ctx, practiceId, { ...filters, before, limit: 500 });
      for (const e of page.entries)
        rows.push([
          e.seq,
          e.at,
          e.actor?.name ?? "",
          e.actor?.id ?? "",
          e.action,
          e.summary,
          e.targetType,
          e.targetId,
          JSON.stringify(e.details),
        ]);
      if (!page.nextBefore) break;
      before = page.nextBefore;
    }
    return sendDownload(reply, {
      type: CSV,
      filename: "safepost-audit.csv",
      body: toCsv(
        ["entry", "at", "actor", "actor_id", "action", "summary", "target_type", "target_id", "details"],
        rows,
      ),
    });
  });
};
