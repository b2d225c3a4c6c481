// A local X API v2 for the endpoints safepost uses, with the shapes of X's published OpenAPI document:
// POST /2/tweets (text weighted as X counts it, media ids that were uploaded and finalised, duplicates
// refused), chunked media upload (initialize, append, finalize), media metadata for alt text, the user's
// timeline (links shortened to t.co, with entities to expand them) and deleting; for comments, the user's
// mentions (tweet.fields checked, since_id, pagination_token, expansions=author_id, x-rate-limit-* headers on
// every answer and a 429 once the window is used up), replies with reply.in_reply_to_tweet_id, and hidden
// replies (PUT /2/tweets/:id/hidden, only in conversations the account started). A bearer token is required.
import { randomUUID } from "node:crypto";
import { bearer, ContractServer, looksLikeImage, type ContractAnswer } from "./contract-server";

export interface XTweet {
  id: string;
  text: string;
  mediaIds: string[];
  createdAt: string;
  /** Who wrote it (the practice's account unless a visitor's). */
  authorId?: string;
  inReplyToId?: string | null;
  conversationId?: string;
  hidden?: boolean;
}

/** The tweet.fields X knows (asking for another is a 400). */
const TWEET_FIELDS = new Set([
  "attachments",
  "author_id",
  "context_annotations",
  "conversation_id",
  "created_at",
  "edit_controls",
  "entities",
  "geo",
  "id",
  "in_reply_to_user_id",
  "lang",
  "public_metrics",
  "possibly_sensitive",
  "referenced_tweets",
  "reply_settings",
  "source",
  "text",
  "withheld",
]);

interface XMedia {
  id: string;
  type: string;
  totalBytes: number;
  chunks: Buffer[];
  finalised: boolean;
  altText: string | null;
}

const MAX_WEIGHT = 280;
const URL_WEIGHT = 23;

/** X's weighted length: URLs 23, most Latin and punctuation 1, everything else (CJK, emoji) 2. */
export function xWeight(text: string): number {
  const urls = text.match(/https?:\/\/\S+/g) ?? [];
  const rest = urls.reduce((t, u) => t.replace(u, ""), text);
  let weight = urls.length * URL_WEIGHT;
  for (const ch of rest.normalize("NFC")) {
    const c = ch.codePointAt(0)!;
    const light =
      c <= 4351 || (c >= 8192 && c <= 8205) || (c >= 8208 && c <= 8223) || (c >= 8242 && c <= 8247);
    weight += light ? 1 : 2;
  }
  return weight;
}

const problem = (status: number, title: string, detail: string): ContractAnswer => ({
  status,
  body: { title, detail, type: "about:blank", status },
});
const invalid = (message: string): ContractAnswer => ({
  status: 400,
  body: {
    errors: [{ message }],
    title: "Invalid Request",
    detail: "One or more parameters to your request was invalid.",
    type: "https://api.twitter.com/2/problems/invalid-request",
  },
});

export class XServer {
  readonly tokens = new Set<string>();
  readonly tweets: XTweet[] = [];
  readonly media = new Map<string, XMedia>();
  readonly users = new Map<string, string>(); // id → username
  /** Reads left in the mentions window (X: 180 per 15 minutes for a user; fewer on small plans). */
  mentionsRemaining = 180;
  mentionsReset = 0;
  private readonly http = new ContractServer();
  private next = 1_860_000_000_000_000_000n;
  url = "";

  constructor(
    readonly userId = "1450000000000000001",
    readonly username = "BrooksideGP",
  ) {}

  private id(): string {
    this.next += 7n;
    return String(this.next);
  }

  async start(): Promise<this> {
    const h = this.http;
    h.on("GET", "/2/users/me", (req) =>
      this.auth(req.headers, () => ({
        status: 200,
        body: { data: { id: this.userId, name: "Brookside Surgery", username: this.username } },
      })),
    );
    h.on("POST", "/2/media/upload/initialize", (req) =>
      this.auth(req.headers, () => {
        const body = req.json() as { media_type?: string; total_bytes?: number; media_category?: string };
        if (!body?.media_type || !["image/jpeg", "image/png", "image/webp"].includes(body.media_type))
          return invalid("media_type must be an image type");
        if (typeof body.total_bytes !== "number" || body.total_bytes <= 0 || body.total_bytes > 5_242_880)
          return invalid("total_bytes must be between 1 and 5242880 for images");
        if (body.media_category !== undefined && body.media_category !== "tweet_image")
          return invalid("media_category does not match media_type");
        const m: XMedia = {
          id: this.id(),
          type: body.media_type,
          totalBytes: body.total_bytes,
          chunks: [],
          finalised: false,
          altText: null,
        };
        this.media.set(m.id, m);
        return {
          status: 200,
          body: { data: { id: m.id, media_key: `3_${m.id}`, expires_after_secs: 86400 } },
        };
      }),
    );
    h.on("POST", "/2/media/upload/:id/append", (req) =>
      this.auth(req.headers, () => {
        const m = this.media.get(req.params.id!);
        if (!m || m.finalised) return invalid("media id is not awaiting chunks");
        const parts = req.parts();
        const chunk = parts.get("media")?.data;
        const index = Number(parts.get("segment_index")?.data.toString());
        if (!chunk || index !== m.chunks.length)
          return invalid("media and the next segment_index are required");
        m.chunks.push(chunk);
        return { status: 200, body: { data: { expires_at: Date.now() + 86_400_000 } } };
      }),
    );
    h.on("POST", "/2/media/upload/:id/finalize", (req) =>
      this.auth(req.headers, () => {
        const m = this.media.get(req.params.id!);
        if (!m) return invalid("unknown media id");
        const bytes = Buffer.concat(m.chunks);
        if (bytes.length !== m.totalBytes) return invalid("uploaded bytes do not match total_bytes");
        if (!looksLikeImage(bytes)) return invalid("media is not a supported image");
        m.finalised = true;
        return { status: 200, body: { data: { id: m.id, media_key: `3_${m.id}`, size: bytes.length } } };
      }),
    );
    h.on("POST", "/2/media/metadata", (req) =>
      this.auth(req.headers, () => {
        const body = req.json() as { id?: string; metadata?: { alt_text?: { text?: string } } };
        const m = body?.id ? this.media.get(body.id) : undefined;
        const alt = body?.metadata?.alt_text?.text;
        if (!m || !m.finalised) return invalid("id must be a finalised media id");
        if (typeof alt !== "string" || alt.length > 1000)
          return invalid("alt_text.text is required, at most 1000 characters");
        m.altText = alt;
        return {
          status: 200,
          body: { data: { id: m.id, associated_metadata: { alt_text: { text: alt } } } },
        };
      }),
    );
    h.on("POST", "/2/tweets", (req) => this.auth(req.headers, () => this.create(req.json())));
    h.on("GET", "/2/users/:id/mentions", (req) => this.auth(req.headers, () => this.mentions(req)));
    h.on("PUT", "/2/tweets/:id/hidden", (req) =>
      this.auth(req.headers, () => {
        const t = this.tweets.find((x) => x.id === req.params.id);
        if (!t) return problem(404, "Not Found Error", "Could not find tweet");
        const body = req.json() as { hidden?: unknown } | null;
        if (typeof body?.hidden !== "boolean") return invalid("hidden must be true or false");
        const root = this.tweets.find((x) => x.id === t.conversationId);
        if (!t.inReplyToId || !root || (root.authorId ?? this.userId) !== this.userId)
          return problem(403, "Forbidden", "You can only hide replies to conversations you started.");
        t.hidden = body.hidden;
        return { status: 200, body: { data: { hidden: t.hidden } } };
      }),
    );
    h.on("DELETE", "/2/tweets/:id", (req) =>
      this.auth(req.headers, () => {
        const i = this.tweets.findIndex((t) => t.id === req.params.id);
        if (i >= 0) this.tweets.splice(i, 1);
        return { status: 200, body: { data: { deleted: i >= 0 } } };
      }),
    );
    h.on("GET", "/2/users/:id/tweets", (req) =>
      this.auth(req.headers, () => {
        if (req.params.id !== this.userId) return problem(404, "Not Found Error", "Could not find user");
        const max = Number(req.query.get("max_results") ?? 10);
        if (!(max >= 5 && max <= 100)) return invalid("max_results must be between 5 and 100");
        const data = [...this.tweets]
          .reverse()
          .filter((t) => (t.authorId ?? this.userId) === this.userId)
          .slice(0, max)
          .map((t) => this.render(t));
        return {
          status: 200,
          body: data.length ? { data, meta: { result_count: data.length } } : { meta: { result_count: 0 } },
        };
      }),
    );
    this.url = await h.start();
    return this;
  }

  close = () => this.http.close();

  token(): string {
    const t = `x-${randomUUID()}`;
    this.tokens.add(t);
    return t;
  }

  private auth(
    headers: import("node:http").IncomingHttpHeaders,
    fn: () => ContractAnswer | Promise<ContractAnswer>,
  ): ContractAnswer | Promise<ContractAnswer> {
    const token = bearer(headers);
    if (!token || !this.tokens.has(token)) return problem(401, "Unauthorized", "Unauthorized");
    return fn();
  }

  /** A member of the public replies to a post (X writes the @handle of whom they answer in front). */
  visitorReply(username: string, text: string, inReplyToId: string | null): XTweet {
    let authorId = [...this.users].find(([, u]) => u === username)?.[0];
    if (!authorId) {
      authorId = this.id();
      this.users.set(authorId, username);
    }
    const parent = inReplyToId ? this.tweets.find((x) => x.id === inReplyToId) : undefined;
    if (inReplyToId && !parent) throw new Error(`no tweet ${inReplyToId}`);
    const id = this.id();
    const t: XTweet = {
      id,
      text: `@${this.username} ${text}`,
      mediaIds: [],
      createdAt: new Date().toISOString(),
      authorId,
      inReplyToId,
      conversationId: parent ? (parent.conversationId ?? parent.id) : id,
      hidden: false,
    };
    this.tweets.push(t);
    return t;
  }

  private mentions(req: import("./contract-server").ContractRequest): ContractAnswer {
    const now = Math.floor(Date.now() / 1000);
    if (now >= this.mentionsReset) {
      this.mentionsReset = now + 900;
      if (this.mentionsRemaining <= 0) this.mentionsRemaining = 180;
    }
    const rate = {
      "x-rate-limit-limit": "180",
      "x-rate-limit-remaining": String(Math.max(0, this.mentionsRemaining - 1)),
      "x-rate-limit-reset": String(this.mentionsReset),
    };
    if (this.mentionsRemaining <= 0)
      return {
        ...problem(429, "Too Many Requests", "Too Many Requests"),
        headers: { ...rate, "x-rate-limit-remaining": "0" },
      };
    this.mentionsRemaining--;
    if (req.params.id !== this.userId) return problem(404, "Not Found Error", "Could not find user");
    const max = Number(req.query.get("max_results") ?? 10);
    if (!(max >= 5 && max <= 100)) return invalid("max_results must be between 5 and 100");
    const fields = (req.query.get("tweet.fields") ?? "").split(",").filter(Boolean);
    for (const f of fields) if (!TWEET_FIELDS.has(f)) return invalid(`${f} is not a tweet.fields value`);
    const expansions = (req.query.get("expansions") ?? "").split(",").filter(Boolean);
    const newer = (a: string, b: string) => (a.length !== b.length ? a.length > b.length : a > b);
    const since = req.query.get("since_id");
    const token = req.query.get("pagination_token");
    const handle = new RegExp(`(^|\\s)@${this.username}\\b`, "i");
    let all = [...this.tweets]
      .filter((t) => t.authorId && t.authorId !== this.userId && handle.test(t.text))
      .filter((t) => !since || newer(t.id, since))
      .reverse();
    if (token) {
      const from = all.findIndex((t) => t.id === Buffer.from(token, "base64url").toString());
      if (from < 0) return invalid("pagination_token is not valid");
      all = all.slice(from);
    }
    const page = all.slice(0, max);
    const rest = all[max];
    const data = page.map((t) => {
      const r = this.render(t) as Record<string, unknown>;
      if (fields.includes("author_id")) r.author_id = t.authorId;
      if (fields.includes("conversation_id")) r.conversation_id = t.conversationId;
      if (fields.includes("referenced_tweets") && t.inReplyToId)
        r.referenced_tweets = [{ type: "replied_to", id: t.inReplyToId }];
      if (fields.includes("in_reply_to_user_id") && t.inReplyToId)
        r.in_reply_to_user_id = this.tweets.find((x) => x.id === t.inReplyToId)?.authorId ?? this.userId;
      return r;
    });
    const users = expansions.includes("author_id")
      ? [...new Set(page.map((t) => t.authorId!))].map((id) => ({
          id,
          username: this.users.get(id),
          name: this.users.get(id),
        }))
      : [];
    return {
      status: 200,
      headers: rate,
      body: {
        ...(data.length ? { data } : {}),
        ...(users.length ? { includes: { users } } : {}),
        meta: {
          result_count: data.length,
          ...(data.length ? { newest_id: page[0]!.id, oldest_id: page.at(-1)!.id } : {}),
          ...(rest ? { next_token: Buffer.from(rest.id).toString("base64url") } : {}),
        },
      },
    };
  }

  private create(raw: unknown): ContractAnswer {
    const body = raw as {
      text?: unknown;
      media?: { media_ids?: unknown };
      reply?: { in_reply_to_tweet_id?: unknown };
    } | null;
    const text = typeof body?.text === "string" ? body.text : "";
    const mediaIds = Array.isArray(body?.media?.media_ids) ? body.media.media_ids.map(String) : [];
    if (!text && mediaIds.length === 0) return invalid("text or media is required");
    if (xWeight(text) > MAX_WEIGHT) return invalid("text is longer than 280 weighted characters");
    if (mediaIds.length > 4) return invalid("media_ids may hold at most 4 items");
    for (const id of mediaIds)
      if (!this.media.get(id)?.finalised) return invalid(`media id ${id} is not ready`);
    if (this.tweets.some((t) => t.text === text))
      return problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.");
    const replyTo = body?.reply?.in_reply_to_tweet_id;
    const parent = typeof replyTo === "string" ? this.tweets.find((x) => x.id === replyTo) : undefined;
    if (replyTo !== undefined && !parent)
      return problem(
        403,
        "Forbidden",
        "The Tweet you are replying to has been deleted or is not visible to you.",
      );
    const id = this.id();
    const t: XTweet = {
      id,
      text,
      mediaIds,
      createdAt: new Date().toISOString(),
      authorId: this.userId,
      inReplyToId: parent?.id ?? null,
      conversationId: parent ? (parent.conversationId ?? parent.id) : id,
      hidden: false,
    };
    this.tweets.push(t);
    return {
      status: 201,
      body: { data: { id: t.id, text: this.render(t).text, edit_history_tweet_ids: [t.id] } },
    };
  }

  /** A tweet as X returns it: links replaced by t.co links, a t.co link to the media at the end. */
  render(t: XTweet) {
    const urls: { start: number; end: number; url: string; expanded_url: string; media_key?: string }[] = [];
    let text = "";
    let last = 0;
    for (const m of t.text.matchAll(/https?:\/\/\S+/g)) {
      text += t.text.slice(last, m.index);
      const short = `https://t.co/${Buffer.from(m[0]).toString("base64url").slice(0, 10)}`;
      urls.push({
        start: [...text].length,
        end: [...text].length + short.length,
        url: short,
        expanded_url: m[0],
      });
      text += short;
      last = m.index + m[0].length;
    }
    text += t.text.slice(last);
    if (t.mediaIds.length) {
      const short = `https://t.co/m${t.id.slice(-8)}`;
      text += ` ${short}`;
      urls.push({
        start: [...text].length - short.length,
        end: [...text].length,
        url: short,
        expanded_url: `https://x.com/${this.username}/status/${t.id}/photo/1`,
        media_key: `3_${t.mediaIds[0]}`,
      });
    }
    return {
      id: t.id,
      text,
      created_at: t.createdAt,
      ...(urls.length ? { entities: { urls } } : {}),
      ...(t.inReplyToId ? { referenced_tweets: [{ type: "replied_to", id: t.inReplyToId }] } : {}),
    };
  }
}
