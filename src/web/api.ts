// A small typed client for the safepost JSON API. Every state-changing request carries the session's CSRF token.
import type { z } from "zod";
import type * as contracts from "../contracts";
import type { ErrorCode as ServerErrorCode } from "../core/errors";
import type { ActionOf } from "../core/permissions";
import type { Role } from "../core/roles";

/** The server's error codes (one list, src/core/errors.ts), plus "network" when no answer came. */
export type ErrorCode = ServerErrorCode | "network";

/** An error the API answered with (or a network failure), ready for a form to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    /** Field name → message, shown beside that field. */
    readonly fields: Record<string, string> = {},
    /** The API path that answered; a 401 from sign-in means wrong details, not an ended session. */
    readonly path = "",
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** What the member may do in a practice, as the server's permission model answered it. */
export type PracticeAction = ActionOf<"practice">;

/** One practice in the session: your roles and the practice actions you may take (menus follow these only). */
export type SessionPractice = z.infer<typeof contracts.sessionPractice>;

export type Session = z.infer<typeof contracts.sessionResponse>;

export type Practice = z.infer<typeof contracts.practiceResponse>;

/** A member as you see them, with what you may do to them (`allowed`). */
export type Member = z.infer<typeof contracts.memberResponse>;
export type EmailPreferences = z.infer<typeof contracts.emailPreferences>;

export type Invite = z.infer<typeof contracts.inviteResponse>;

export type InviteLookup = z.infer<typeof contracts.inviteLookupResponse>;

export type OutboxMail = z.infer<typeof contracts.outboxMail>;

export type BackgroundJob = z.infer<typeof contracts.backgroundJob>;

export type AuditEntry = z.infer<typeof contracts.auditEntry>;

export type AuditVerification = z.infer<typeof contracts.auditVerification>;

export interface AuditFilters {
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
}

export type AuditPage = z.infer<typeof contracts.auditPageResponse>;

let csrfToken: string | null = null;

/** Remembers the CSRF token of the current session (set whenever a session payload arrives). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Fetches JSON from the API; throws ApiError for any non-2xx answer. Returns undefined for 204. */
export function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  return send<T>(
    method,
    path,
    body === undefined ? undefined : { type: "application/json", body: JSON.stringify(body) },
  );
}

/** Sends a file's bytes as the request body (an image upload), with its own content type; answers JSON. */
export function uploadBody<T>(path: string, file: Blob): Promise<T> {
  return send<T>("POST", path, { type: file.type || "application/octet-stream", body: file });
}

async function send<T>(
  method: string,
  path: string,
  content: { type: string; body: BodyInit } | undefined,
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (content) headers["content-type"] = content.type;
  if (UNSAFE.has(method) && csrfToken) headers["x-csrf-token"] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      ...(content ? { body: content.body } : {}),
    });
  } catch {
    throw new ApiError(0, "network", "safepost could not be reached. Check your connection and try again.");
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) throw toApiError(res.status, data, path);
  return data as T;
}

function toApiError(status: number, data: unknown, path: string): ApiError {
  const err = (
    data as { error?: { code?: string; message?: string; fields?: Record<string, string> } } | undefined
  )?.error;
  if (err && typeof err.message === "string") {
    return new ApiError(status, (err.code ?? "internal") as ErrorCode, err.message, err.fields ?? {}, path);
  }
  return new ApiError(
    status,
    "internal",
    "Something went wrong on our side. Please try again in a moment.",
    {},
    path,
  );
}

const get = <T>(path: string): Promise<T> => request<T>("GET", path);
const post = <T>(path: string, body: unknown = {}): Promise<T> => request<T>("POST", path, body);
const practicePath = (practiceId: string, rest = ""): string =>
  `/api/practices/${encodeURIComponent(practiceId)}${rest}`;

/** The API, one function per endpoint. */
export const api = {
  session: () => get<Session>("/api/session"),
  signIn: (email: string, password: string) => post<Session>("/api/auth/sign-in", { email, password }),
  signOut: () => post<void>("/api/auth/sign-out"),
  forgotPassword: (email: string) =>
    post<{ message: string; mailServer: boolean }>("/api/auth/forgot-password", { email }),
  resetPassword: (token: string, password: string) =>
    post<void>("/api/auth/reset-password", { token, password }),
  lookupInvite: (token: string) => post<InviteLookup>("/api/invites/lookup", { token }),
  /** A new person chooses a name and password; someone signed in as the invitee sends the token alone. */
  acceptInvite: (token: string, newAccount?: { name: string; password: string }) =>
    post<Session>("/api/invites/accept", { token, ...newAccount }),

  emailPreferences: () => get<EmailPreferences>("/api/account/emails"),
  saveEmailPreferences: (input: EmailPreferences) =>
    request<EmailPreferences>("PUT", "/api/account/emails", input),

  practice: (practiceId: string) => get<Practice>(practicePath(practiceId)),
  members: (practiceId: string) => get<{ members: Member[] }>(practicePath(practiceId, "/members")),
  setRoles: (practiceId: string, userId: string, roles: Role[]) =>
    request<Member>("PATCH", practicePath(practiceId, `/members/${encodeURIComponent(userId)}`), { roles }),
  deactivate: (practiceId: string, userId: string) =>
    post<Member>(practicePath(practiceId, `/members/${encodeURIComponent(userId)}/deactivate`)),
  reactivate: (practiceId: string, userId: string) =>
    post<Member>(practicePath(practiceId, `/members/${encodeURIComponent(userId)}/reactivate`)),
  invites: (practiceId: string) => get<{ invites: Invite[] }>(practicePath(practiceId, "/invites")),
  invite: (practiceId: string, input: { email: string; name: string; roles: Role[] }) =>
    post<Invite>(practicePath(practiceId, "/invites"), input),
  revokeInvite: (practiceId: string, inviteId: string) =>
    request<void>("DELETE", practicePath(practiceId, `/invites/${encodeURIComponent(inviteId)}`)),
  outbox: (practiceId: string) => get<{ mails: OutboxMail[] }>(practicePath(practiceId, "/outbox")),
  audit: (practiceId: string, before: string | null, limit: number, filters: AuditFilters = {}) => {
    const q = new URLSearchParams({ limit: String(limit) });
    if (before) q.set("before", before);
    for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
    return get<AuditPage>(practicePath(practiceId, `/audit?${q.toString()}`));
  },
  verifyAudit: (practiceId: string) =>
    post<{ verification: AuditVerification }>(practicePath(practiceId, "/audit/verify")),
  auditCsvUrl: (practiceId: string, filters: AuditFilters = {}) => {
    const q = new URLSearchParams(Object.entries(filters).filter(([, v]) => Boolean(v)));
    return practicePath(practiceId, `/audit.csv${q.size ? `?${q.toString()}` : ""}`);
  },
  jobs: (practiceId: string) => get<{ jobs: BackgroundJob[] }>(practicePath(practiceId, "/jobs")),
  retryJob: (practiceId: string, jobId: string) =>
    post<void>(practicePath(practiceId, `/jobs/${encodeURIComponent(jobId)}/retry`)),
  cancelJob: (practiceId: string, jobId: string) =>
    post<void>(practicePath(practiceId, `/jobs/${encodeURIComponent(jobId)}/cancel`)),
};
