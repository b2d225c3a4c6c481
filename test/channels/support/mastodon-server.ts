// A local Mastodon that follows docs.joinmastodon.org for the endpoints safepost uses: statuses (with the
// Idempotency-Key honoured: the same key answers the same status), media v2 with description (processed
// asynchronously: 202, then GET /api/v1/media/:id), instance v2 configuration, the account's statuses, a
// status's source text, and deleting. Tokens are checked on every call; a revoked one answers 401.
import { randomUUID } from "node:crypto";
import { bearer, ContractServer, looksLikeImage, type ContractAnswer } from "./contract-server";

export interface MastodonStatus {
  id: string;
  text: string;
  mediaIds: string[];
  createdAt: string;
  idempotencyKey: string | null;
}

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
  private readonly keys = new Map<string, string>(); // account + key → status id
  private readonly http = new ContractServer();
  private next = 100;
  url = "";

  constructor(readonly accountId = "1090") {}

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
        if (!s || account !== this.accountId) return { status: 404, body: { error: "Record not found" } };
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
        if (i < 0 || account !== this.accountId) return { status: 404, body: { error: "Record not found" } };
        const [s] = this.statuses.splice(i, 1);
        return { status: 200, body: { ...this.status(s!), text: s!.text } };
      }),
    );
    h.on("GET", "/api/v1/accounts/:id/statuses", (req) =>
      this.auth(req.headers, () => {
        if (req.params.id !== this.accountId) return { status: 404, body: { error: "Record not found" } };
        const limit = Math.min(Number(req.query.get("limit") ?? 20), 40);
        const newest = [...this.statuses].reverse().slice(0, limit);
        return { status: 200, body: newest.map((s) => this.status(s)) };
      }),
    );
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
    const body = req.json() as { status?: unknown; media_ids?: unknown; visibility?: unknown } | null;
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
    const s: MastodonStatus = {
      id: String(this.next++),
      text,
      mediaIds,
      createdAt: new Date().toISOString(),
      idempotencyKey: typeof key === "string" ? key : null,
    };
    this.statuses.push(s);
    if (keyed) this.keys.set(keyed, s.id);
    return { status: 200, body: this.status(s) };
  }

  private account(id: string) {
    return { id, username: "brookside", acct: "brookside", url: "https://social.example/@brookside" };
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
      uri: `https://social.example/users/brookside/statuses/${s.id}`,
      url: `https://social.example/@brookside/${s.id}`,
      visibility: "public",
      language: "en",
      content: html,
      account: this.account(this.accountId),
      media_attachments: s.mediaIds.map((id) => this.attachment(this.media.get(id)!)),
      mentions: [],
      tags: [],
      emojis: [],
      reblogs_count: 0,
      favourites_count: 0,
      replies_count: 0,
    };
  }
}
