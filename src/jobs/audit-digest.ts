import type { AppContext } from "../app/context";
import { AUDIT_DIGEST_JOB, sendAuditDigest } from "../app/audit/daily-digest";

type Handler = (ctx: AppContext, payload: Record<string, unknown>) => Promise<void>;

/** The daily audit digest (one small handler, so it moves to another queue easily); it schedules the next one. */
export const auditJobHandlers: Record<string, Handler> = {
  [AUDIT_DIGEST_JOB]: async (ctx, payload) => {
    await sendAuditDigest(ctx, payload);
  },
};
