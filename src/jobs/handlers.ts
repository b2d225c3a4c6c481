import type { AppContext } from "../app/context";
import { policyJobHandlers } from "./policy-reminders";
import { auditJobHandlers } from "./audit-digest";

export type JobHandler = (ctx: AppContext, payload: Record<string, unknown>) => Promise<void>;

/** Every job kind and its handler. Handlers must be idempotent: a job may run again after a crash. */
export const jobHandlers: Record<string, JobHandler> = {
  ...policyJobHandlers,
  ...auditJobHandlers,
};
