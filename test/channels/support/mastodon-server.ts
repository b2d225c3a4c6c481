// A local Mastodon that follows docs.joinmastodon.org for the endpoints safepost uses: statuses (with the
// Idempotency-Key honoured: the same key answers the same status), media v2 with description (processed
// asynchronously: 202, then GET /api/v1/media/:id), instance v2 configuration, the account's statuses, a
// status's source text, and deleting one's own; for comments, mention notifications (types[], limit clamped to
// 80, max_id / since_id / min_id paging, newest first, a Link header), a thread's context, replies with
// in_reply_to_id, blocks and reports (account_id required, status_ids of that account, a comment of at most
// 1,000 characters, category spam / legal / violation (with rule_ids) / other). Tokens are checked on every
// call; a revoked one answers 401.
import { randomUUID } from "node:crypto";
import { bearer, ContractServer, looksLikeImage, type ContractAnswer } from "./contract-server";

export interface MastodonStatus {
  id: string;
  /** Who wrote it (the practice's account, or a visitor's). */
  accountId: string;
  text: string;
  mediaIds: string[];
  createdAt: string;
  idempotencyKey: string | null;
  inReplyToId: string | null;
  visibility: "public" | "unlisted" | "private" | "direct";
}

export interface MastodonAccount {
  id: string;
  username: string;
  /** The server the account lives on; null for this one. */
  domain: string | null;
}

export interface MastodonNotification {
  id: string;
  type: "mention";
  /** Whose notification it is. */
  forAccount: string;
  fromAccount: string;
  statusId: string;
  createdAt: string;
}

export interface MastodonReport {
  id: string;
  by: string;
  accountId: string;
  statusIds: string[];
  comment: string;
  category: string;
  forward: boolean;
}

/** Notification types Mastodon knows (types[] takes these). */
const NOTIFICATION_TYPES = [
  "mention",
  "status",
  "reblog",
  "follow",
  "follow_request",
  "favourite",
  "poll",
  "update",
  "admin.sign_up",
  "admin.report",
  "severed_relationships",
  "moderation_warning",
  "quote",
  "quoted_update",
];
const REPORT_CATEGORIES = ["spam", "legal", "violation", "other"];
const REPORT_COMMENT_MAX = 1000;

interface Media {
  id: string;
  owner: string;
  description: string | null;
  bytes: Buffer;
  processed: boolean;
  attached: boolean;
}

const MAX_CHARS = 500;
const URL_CHARS = 23;
const MAX_MEDIA = 4;
const MAX_DESCRIPTION = 1500;

const unauthorised: ContractAnswer = { status: 401, body: { error: "The access token is invalid" } };
const invalid = (error: string): ContractAnswer => ({
  status: 422,
  body: { error: `Validation failed: ${error}` },
});

/** Mastodon counts every URL as 23 characters and the rest by code point. */
function characters(text: string): number {
  const urls = text.match(/https?:\/\/\S+/g) ?? [];
  const rest = urls.reduce((t, u) => t.replace(u, ""), text);
  return [...rest].length + urls.length * URL_CHARS;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export class MastodonServer {
  readonly tokens = new Map<string, string>(); // token → account id
  readonly revoked = new Set<string>();
  readonly statuses: MastodonStatus[] = [];
  readonly media = new Map<string, Media>();
  readonly accounts = new Map<string, MastodonAccount>();
  readonly notifications: MastodonNotification[] = [];
  /** Blocks: "blocker:blocked". */
  readonly blocks = new Set<string>();
  readonly reports: MastodonReport[] = [];
  /** The next notifications read meets a rate limit (429 with X-RateLimit-Reset), once. */
  rateLimitNext = false;
  /** The query of the last notifications read. */
  lastNotificationQuery: URLSearchParams | null = null;
  private readonly keys = new Map<string, string>(); // account + key → status id
  private readonly http = new ContractServer();
  private next = 100;
  url = "";

  constructor(readonly accountId = "1090") {
    this.accounts.set(accountId, { id: accountId, username: "brookside", domain: null });
  }

  /** A member of the public with an account here (domain null) or on another server. */
  visitor(username: string, domain: string | null = "elsewhere.example"): string {
    const id = String(this.next++);
    this.accounts.set(id, { id, username, domain });
    return id;
  }

  /**
   * A visitor's status: a reply to `inReplyToId` (written, as Mastodon apps write it, with the @handles of the
   * thread in front) or a mention of the practice. Mentions of the practice notify it.
   */
  visitorStatus(
    fromAccount: string,
    text: string,
    inReplyToId: string | null,
    visibility: MastodonStatus["visibility"] = "public",
  ): MastodonStatus {
    if (inReplyToId && !this.statuses.some((x) => x.id === inReplyToId))
      throw new Error(`no status ${inReplyToId}`);
    const s: MastodonStatus = {
      id: String(this.next++),
      accountId: fromAccount,
      text: text.startsWith("@brookside") ? text : `@brookside ${text}`,
      mediaIds: [],
      createdAt: new Date().toISOString(),
      idempotencyKey: null,
      inReplyToId,
      visibility,
    };
    this.statuses.push(s);
    this.notify(s);
    return s;
  }

  private notify(s: MastodonStatus) {
    for (const a of this.mentioned(s.text))
      if (a.id !== s.accountId && !this.blocks.has(`${a.id}:${s.accountId}`))
        this.notifications.push({
          id: String(this.next++),
          type: "mention",
          forAccount: a.id,
          fromAccount: s.accountId,
          statusId: s.id,
          createdAt: s.createdAt,
        });
  }

  private acct(a: MastodonAccount) {
    return a.domain ? `${a.username}@${a.domain}` : a.username;
  }

  /** The accounts a text's @handles name (local by username, others by username@domain). */
  private mentioned(text: string): MastodonAccount[] {
    const names = [...text.matchAll(/(?:^|\s)@([\w.-]+(?:@[\w.-]+)?)/g)].map((m) => m[1]!.toLowerCase());
    return [...this.accounts.values()].filter((a) => names.includes(this.acct(a).toLowerCase()));
  }

  async start(): Promise<this> {
    const h = this.http;
    h.on("GET", "/api/v2/instance", () => ({
      status: 200,
      body: {
        domain: "social.example",
        title: "A local Mastodon",
        version: "4.3.0",
        configuration: {
          statuses: {
            max_characters: MAX_CHARS,
            max_media_attachments: MAX_MEDIA,
            characters_reserved_per_url: URL_CHARS,
          },
          media_attachments: { image_size_limit: 16_777_216, description_limit: MAX_DESCRIPTION },
        },
      },
    }));
    h.on("GET", "/api/v1/accounts/verify_credentials", (req) =>
      this.auth(req.headers, (account) => ({ status: 200, body: this.account(account) })),
    );
    h.on("POST", "/api/v2/media", (req) =>
      this.auth(req.headers, async (account) => {
        const form = await req.form();
        const file = form.get("file");
        if (!(file instanceof Blob)) return invalid("File can't be blank");
        const bytes = Buffer.from(await file.arrayBuffer());
        if (!looksLikeImage(bytes))
          return invalid("File has contents that are not what they are reported to be");
        const description = form.get("description");
        if (typeof description === "string" && description.length > MAX_DESCRIPTION)
          return invalid(`Description is too long (maximum is ${MAX_DESCRIPTION} characters)`);
        const m: Media = {
          id: String(this.next++),
          owner: account,
          description: typeof description === "string" ? description : null,
          bytes,
          processed: false,
          attached: false,
        };
        this.media.set(m.id, m);
        return { status: 202, body: this.attachment(m) }; // processed in the background, as large files are
      }),
    );
    h.on("GET", "/api/v1/media/:id", (req) =>
      this.auth(req.headers, (account) => {
        const m = this.media.get(req.params.id!);
        if (!m || m.owner !== account) return { status: 404, body: { error: "Record not found" } };
        const wasProcessed = m.processed;
        m.processed = true;
        return { status: wasProcessed ? 200 : 206, body: this.attachment(m) };
      }),
    );
    h.on("POST", "/api/v1/statuses", (req) => this.auth(req.headers, (a) => this.createStatus(a, req)));
    h.on("GET", "/api/v1/statuses/:id/source", (req) =>
      this.auth(req.headers, (account) => {
        const s = this.statuses.find((x) => x.id === req.params.id);
        if (!s || s.accountId !== account) return { status: 404, body: { error: "Record not found" } };
        return { status: 200, body: { id: s.id, text: s.text, spoiler_text: "" } };
      }),
    );
    h.on("GET", "/api/v1/statuses/:id", (req) =>
      this.auth(req.headers, () => {
        const s = this.statuses.find((x) => x.id === req.params.id);
        return s
          ? { status: 200, body: this.status(s) }
          : { status: 404, body: { error: "Record not found" } };
      }),
    );
    h.on("DELETE", "/api/v1/statuses/:id", (req) =>
      this.auth(req.headers, (account) => {
        const i = this.statuses.findIndex((x) => x.id === req.params.id);
        // Only one's own statuses may be deleted (a moderator's tools are not in the client API).
        if (i < 0 || this.statuses[i]!.accountId !== account)
          return { status: 404, body: { error: "Record not found" } };
        const [s] = this.statuses.splice(i, 1);
        return { status: 200, body: { ...this.status(s!), text: s!.text } };
      }),
    );
    h.on("GET", "/api/v1/accounts/:id/statuses", (req) =>
      this.auth(req.headers, () => {
        if (!this.accounts.has(req.params.id!)) return { status: 404, body: { error: "Record not found" } };
        const limit = Math.min(Number(req.query.get("limit") ?? 20), 40);
        const noReplies = req.query.get("exclude_replies") === "true";
        const newest = [...this.statuses]
          .reverse()
          .filter((s) => s.accountId === req.params.id && !(noReplies && s.inReplyToId))
          .slice(0, limit);
        return { status: 200, body: newest.map((s) => this.status(s)) };
      }),
    );
    h.on("GET", "/api/v1/notifications", (req) =>
      this.auth(req.headers, (a) => this.listNotifications(a, req)),
    );
    h.on("GET", "/api/v1/statuses/:id/context", (req) =>
      this.auth(req.headers, () => {
        const s = this.statuses.find((x) => x.id === req.params.id);
        if (!s) return { status: 404, body: { error: "Record not found" } };
        const ancestors: MastodonStatus[] = [];
        for (let up = s.inReplyToId; up;) {
          const parent = this.statuses.find((x) => x.id === up);
          if (!parent) break;
          ancestors.unshift(parent);
          up = parent.inReplyToId;
        }
        const descendants: MastodonStatus[] = [];
        const walk = (id: string) => {
          for (const c of this.statuses.filter((x) => x.inReplyToId === id)) {
            descendants.push(c);
            walk(c.id);
          }
        };
        walk(s.id);
        return {
          status: 200,
          body: {
            ancestors: ancestors.map((x) => this.status(x)),
            descendants: descendants.map((x) => this.status(x)),
          },
        };
      }),
    );
    h.on("POST", "/api/v1/accounts/:id/block", (req) =>
      this.auth(req.headers, (account) => {
        const target = this.accounts.get(req.params.id!);
        if (!target) return { status: 404, body: { error: "Record not found" } };
        if (target.id === account) return { status: 403, body: { error: "This action is not allowed" } };
        this.blocks.add(`${account}:${target.id}`);
        return { status: 200, body: this.relationship(account, target.id) };
      }),
    );
    h.on("POST", "/api/v1/reports", (req) => this.auth(req.headers, (a) => this.report(a, req)));
    this.url = await h.start();
    return this;
  }

  close = () => this.http.close();

  /** A new token for the account. */
  token(): string {
    const t = `masto-${randomUUID()}`;
    this.tokens.set(t, this.accountId);
    return t;
  }

  /** How many status requests carried no Idempotency-Key (safepost must send one every time). */
  get statusRequestsWithoutKey(): number {
    return this.http.log.filter(
      (r) => r.method === "POST" && r.path === "/api/v1/statuses" && !r.headers["idempotency-key"],
    ).length;
  }

  private auth(
    headers: import("node:http").IncomingHttpHeaders,
    fn: (account: string) => ContractAnswer | Promise<ContractAnswer>,
  ): ContractAnswer | Promise<ContractAnswer> {
    const token = bearer(headers);
    if (token && this.revoked.has(token))
      return { status: 401, body: { error: "The access token was revoked" } };
    const account = token ? this.tokens.get(token) : undefined;
    return account ? fn(account) : unauthorised;
  }

  private createStatus(account: string, req: import("./contract-server").ContractRequest): ContractAnswer {
    const key = req.headers["idempotency-key"];
    const keyed = typeof key === "string" ? `${account}:${key}` : null;
    if (keyed && this.keys.has(keyed)) {
      const earlier = this.statuses.find((s) => s.id === this.keys.get(keyed));
      if (earlier) return { status: 200, body: this.status(earlier) };
    }
    const body = req.json() as {
      status?: unknown;
      media_ids?: unknown;
      visibility?: unknown;
      in_reply_to_id?: unknown;
    } | null;
    if (!body || typeof body !== "object") return invalid("Text can't be blank");
    const text = typeof body.status === "string" ? body.status : "";
    const mediaIds = Array.isArray(body.media_ids) ? body.media_ids.map(String) : [];
    if (text.trim() === "" && mediaIds.length === 0) return invalid("Text can't be blank");
    if (characters(text) > MAX_CHARS) return invalid(`Text character limit of ${MAX_CHARS} exceeded`);
    if (mediaIds.length > MAX_MEDIA) return invalid("Media attachments limit exceeded");
    if (
      body.visibility !== undefined &&
      !["public", "unlisted", "private", "direct"].includes(String(body.visibility))
    )
      return invalid("Visibility is not included in the list");
    for (const id of mediaIds) {
      const m = this.media.get(id);
      if (!m || m.owner !== account || m.attached) return invalid("Media attachments are invalid");
      if (!m.processed)
        return {
          status: 422,
          body: { error: "Cannot attach files that have not finished processing. Try again in a moment!" },
        };
    }
    for (const id of mediaIds) this.media.get(id)!.attached = true;
    const inReplyToId =
      body.in_reply_to_id === undefined || body.in_reply_to_id === null ? null : String(body.in_reply_to_id);
    if (inReplyToId && !this.statuses.some((x) => x.id === inReplyToId))
      return { status: 404, body: { error: "Record not found" } };
    const s: MastodonStatus = {
      id: String(this.next++),
      accountId: account,
      text,
      mediaIds,
      createdAt: new Date().toISOString(),
      idempotencyKey: typeof key === "string" ? key : null,
      inReplyToId,
      visibility: (body.visibility as MastodonStatus["visibility"] | undefined) ?? "public",
    };
    this.statuses.push(s);
    this.notify(s);
    if (keyed) this.keys.set(keyed, s.id);
    return { status: 200, body: this.status(s) };
  }

  private account(id: string) {
    const a = this.accounts.get(id) ?? { id, username: "unknown", domain: null };
    const acct = this.acct(a);
    return {
      id,
      username: a.username,
      acct,
      display_name: a.username,
      url: `https://${a.domain ?? "social.example"}/@${a.username}`,
    };
  }

  private relationship(from: string, to: string) {
    return {
      id: to,
      following: false,
      showing_reblogs: false,
      notifying: false,
      followed_by: false,
      blocking: this.blocks.has(`${from}:${to}`),
      blocked_by: this.blocks.has(`${to}:${from}`),
      muting: false,
      muting_notifications: false,
      requested: false,
      domain_blocking: false,
      endorsed: false,
      note: "",
    };
  }

  /** GET /api/v1/notifications: newest first; max_id, since_id and min_id as Mastodon pages them. */
  private listNotifications(
    account: string,
    req: import("./contract-server").ContractRequest,
  ): ContractAnswer {
    if (this.rateLimitNext) {
      this.rateLimitNext = false;
      const reset = new Date(Date.now() + 120_000).toISOString();
      return {
        status: 429,
        body: { error: "Too many requests" },
        headers: { "x-ratelimit-limit": "300", "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset },
      };
    }
    this.lastNotificationQuery = req.query;
    const types = req.query.getAll("types[]");
    if (req.query.has("types") || req.query.has("types[0]"))
      return invalid("types must be given as types[]=…");
    for (const t of types)
      if (!NOTIFICATION_TYPES.includes(t)) return invalid(`${t} is not a notification type`);
    // Mastodon clamps the limit rather than refusing it.
    const asked = Number(req.query.get("limit") ?? 40);
    const limit = Math.max(1, Math.min(Number.isFinite(asked) ? Math.trunc(Math.abs(asked)) : 40, 80));
    const newer = (a: string, b: string) => (a.length !== b.length ? a.length > b.length : a > b);
    const max = req.query.get("max_id");
    const since = req.query.get("since_id");
    const min = req.query.get("min_id");
    let mine = this.notifications.filter(
      (n) =>
        n.forAccount === account &&
        (types.length === 0 || types.includes(n.type)) &&
        (!max || newer(max, n.id)) &&
        (!since || newer(n.id, since)) &&
        (!min || newer(n.id, min)),
    );
    // Ascending by id; min_id takes the oldest after it, the others the newest.
    mine = [...mine].sort((a, b) => (newer(a.id, b.id) ? 1 : -1));
    const page = (min ? mine.slice(0, limit) : mine.slice(-limit)).reverse();
    const headers: Record<string, string> = {};
    if (page.length) {
      const base = `${this.url}/api/v1/notifications`;
      headers.link = `<${base}?max_id=${page.at(-1)!.id}>; rel="next", <${base}?min_id=${page[0]!.id}>; rel="prev"`;
    }
    return {
      status: 200,
      headers,
      body: page.map((n) => ({
        id: n.id,
        type: n.type,
        created_at: n.createdAt,
        account: this.account(n.fromAccount),
        status: this.status(this.statuses.find((x) => x.id === n.statusId)!),
      })),
    };
  }

  /** POST /api/v1/reports, as Mastodon checks it. */
  private report(account: string, req: import("./contract-server").ContractRequest): ContractAnswer {
    const body = (req.json() ?? {}) as {
      account_id?: unknown;
      status_ids?: unknown;
      comment?: unknown;
      category?: unknown;
      rule_ids?: unknown;
      forward?: unknown;
    };
    const target = typeof body.account_id === "string" ? this.accounts.get(body.account_id) : undefined;
    if (!target) return { status: 404, body: { error: "Record not found" } };
    if (target.id === account) return invalid("Target account can't be yourself");
    const statusIds = Array.isArray(body.status_ids) ? body.status_ids.map(String) : [];
    for (const id of statusIds) {
      const s = this.statuses.find((x) => x.id === id);
      if (!s || s.accountId !== target.id) return { status: 404, body: { error: "Record not found" } };
    }
    const comment = typeof body.comment === "string" ? body.comment : "";
    if ([...comment].length > REPORT_COMMENT_MAX)
      return invalid(`Comment is too long (maximum is ${REPORT_COMMENT_MAX} characters)`);
    const category = body.category === undefined ? "other" : String(body.category);
    if (!REPORT_CATEGORIES.includes(category)) return invalid("Category is not included in the list");
    if (category === "violation" && !(Array.isArray(body.rule_ids) && body.rule_ids.length))
      return invalid("Rule ids can't be blank");
    if (body.forward !== undefined && typeof body.forward !== "boolean")
      return invalid("forward must be true or false");
    const r: MastodonReport = {
      id: String(this.next++),
      by: account,
      accountId: target.id,
      statusIds,
      comment,
      category,
      forward: body.forward === true,
    };
    this.reports.push(r);
    return {
      status: 200,
      body: {
        id: r.id,
        action_taken: false,
        action_taken_at: null,
        category: r.category,
        comment: r.comment,
        forwarded: r.forward,
        created_at: new Date().toISOString(),
        status_ids: r.statusIds,
        rule_ids: null,
        target_account: this.account(target.id),
      },
    };
  }

  private attachment(m: Media) {
    return {
      id: m.id,
      type: "image",
      url: m.processed ? `https://files.social.example/media/${m.id}.png` : null,
      preview_url: `https://files.social.example/media/${m.id}-small.png`,
      remote_url: null,
      description: m.description,
      blurhash: null,
      meta: {},
    };
  }

  /** A Status entity: the text as HTML paragraphs with links, as Mastodon renders it. */
  status(s: MastodonStatus) {
    const html = s.text
      .split(/\n{2,}/)
      .map(
        (p) =>
          `<p>${escapeHtml(p)
            .replace(
              /https?:\/\/[^\s<]+/g,
              (u) => `<a href="${u}" rel="nofollow noopener" target="_blank">${u}</a>`,
            )
            .replace(/\n/g, "<br />")}</p>`,
      )
      .join("");
    return {
      id: s.id,
      created_at: s.createdAt,
      uri: `${this.account(s.accountId).url.replace("/@", "/users/")}/statuses/${s.id}`,
      url: `${this.account(s.accountId).url}/${s.id}`,
      visibility: s.visibility,
      language: "en",
      content: html,
      spoiler_text: "",
      sensitive: false,
      in_reply_to_id: s.inReplyToId,
      in_reply_to_account_id: s.inReplyToId
        ? (this.statuses.find((x) => x.id === s.inReplyToId)?.accountId ?? null)
        : null,
      account: this.account(s.accountId),
      media_attachments: s.mediaIds.map((id) => this.attachment(this.media.get(id)!)),
      mentions: this.mentioned(s.text).map((a) => ({
        id: a.id,
        username: a.username,
        acct: this.acct(a),
        url: this.account(a.id).url,
      })),
      tags: [],
      emojis: [],
      reblogs_count: 0,
      favourites_count: 0,
      replies_count: 0,
    };
  }
}
