// The foundation's answers: the session, an invitation looked up, the outbox, the background jobs panel and
// the audit trail. The web client's types are inferred from these (src/web/api.ts).
import { z } from "zod";
import { isoTime, practiceParams, role } from "./common";
import { sessionPractice } from "./practices";
import type { Endpoint } from "./endpoints";

export const sessionResponse = z
  .object({
    user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
    csrfToken: z.string().meta({ description: "Send it as the x-csrf-token header with every change." }),
    practices: z.array(sessionPractice),
  })
  .meta({ title: "Session" });

export const inviteLookupResponse = z
  .object({
    practiceName: z.string(),
    email: z.string(),
    name: z.string(),
    roles: z.array(role),
    signedInAsInvitee: z
      .boolean()
      .meta({ description: "The person looking is signed in as the invitee (they accept with one click)." }),
    expiresAt: isoTime,
  })
  .meta({ title: "InviteLookup" });

/** The token in an invitation's or a password reset's link. */
export const linkToken = z
  .string({ error: "The link is incomplete." })
  .min(10, "The link is incomplete.")
  .max(200);

export const inviteLookupRequest = z.object({ token: linkToken });

export const outboxMail = z
  .object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    body: z.string().meta({
      description: "For a confidential mail (it carries a sign-in link) only a description, never the link.",
    }),
    confidential: z.boolean(),
    status: z.string(),
    error: z.string().nullable(),
    createdAt: isoTime,
  })
  .meta({ title: "OutboxMail" });

export const outboxResponse = z.object({ mails: z.array(outboxMail) });

export const backgroundJob = z
  .object({
    id: z.string(),
    name: z.string(),
    label: z.string().meta({ description: "What the job does, in words." }),
    state: z.enum(["created", "retry", "active", "completed", "cancelled", "failed"]),
    error: z.string().nullable().meta({ description: "Why it failed, in plain words." }),
    attempts: z.number(),
    createdAt: isoTime,
    nextAttemptAt: isoTime.nullable(),
  })
  .meta({ title: "BackgroundJob" });

export const jobListResponse = z.object({ jobs: z.array(backgroundJob) });
export const jobParams = practiceParams.extend({ jobId: z.string() });

const person = z.object({ id: z.string(), name: z.string() });
const chainHead = z.object({ seq: z.string(), hash: z.string() });

export const auditEntry = z
  .object({
    seq: z.string(),
    chain: z.enum(["practice", "installation"]),
    chainSeq: z.string(),
    at: isoTime,
    actor: person.nullable(),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).nullable().meta({ description: "Ids and codes; never text." }),
    summary: z.string().meta({ description: "The entry in words." }),
  })
  .meta({ title: "AuditEntry" });

export const auditVerification = z
  .object({
    at: isoTime,
    ok: z.boolean(),
    checked: z.number(),
    problems: z.array(z.object({ seq: z.string(), problem: z.string(), chain: z.string().optional() })),
    head: chainHead.nullable(),
    by: person.nullable(),
  })
  .meta({ title: "AuditVerification" });

export const auditPageResponse = z
  .object({
    entries: z.array(auditEntry),
    nextBefore: z.string().nullable(),
    head: chainHead.extend({ at: isoTime }).nullable().meta({
      description: "The practice chain's latest entry: publish it to detect deleted entries later.",
    }),
    verification: auditVerification.nullable(),
  })
  .meta({ title: "AuditPage" });

export const auditVerifyResponse = z.object({ verification: auditVerification });

export const foundationEndpoints: Endpoint[] = [
  {
    method: "GET",
    path: "/api/session",
    summary: "Who you are, your CSRF token, and your practices with your roles and what you may do",
    tag: "Account",
    response: sessionResponse,
  },
  {
    method: "POST",
    path: "/api/invites/lookup",
    summary: "An invitation, from the token in its link: the practice, the invitee and when it expires",
    tag: "Members",
    body: inviteLookupRequest,
    response: inviteLookupResponse,
  },
  {
    method: "GET",
    path: "/api/practices/:practiceId/outbox",
    summary: "The practice's outbox, newest first: the mail safepost sent or tried to send",
    tag: "Admin",
    action: "view-outbox",
    params: practiceParams,
    response: outboxResponse,
  },
  {
    method: "GET",
    path: "/api/practices/:practiceId/jobs",
    summary: "The practice's background jobs that failed or wait to retry",
    tag: "Admin",
    action: "manage-jobs",
    params: practiceParams,
    response: jobListResponse,
  },
  {
    method: "POST",
    path: "/api/practices/:practiceId/jobs/:jobId/retry",
    summary: "Try a failed background job again",
    tag: "Admin",
    action: "manage-jobs",
    params: jobParams,
    status: 204,
  },
  {
    method: "POST",
    path: "/api/practices/:practiceId/jobs/:jobId/cancel",
    summary: "Cancel a failed background job",
    tag: "Admin",
    action: "manage-jobs",
    params: jobParams,
    status: 204,
  },
  {
    method: "GET",
    path: "/api/practices/:practiceId/audit",
    summary: "The practice's audit trail, newest first, with its chain head and last verification",
    tag: "Admin",
    action: "view-audit",
    params: practiceParams,
    response: auditPageResponse,
  },
  {
    method: "POST",
    path: "/api/practices/:practiceId/audit/verify",
    summary: "Verify the practice's audit chain now and record the result",
    tag: "Admin",
    action: "verify-audit",
    params: practiceParams,
    response: auditVerifyResponse,
  },
];
