// A local Graph API (v21.0) for the Page endpoints safepost uses, answering in Graph's shapes: POST
// /{page-id}/feed (message, link, attached_media of unpublished photos), POST /{page-id}/photos (multipart
// `source` that must be an image, published or not, alt_text_custom), GET /{page-id}/posts, GET and DELETE
// /{post-id}. Every call needs a Page token for this page (bearer header); errors are Graph's error object.
// Switches make the next create call meet an expired token, a rate limit, an internal error before or after
// the post was made, or an answer held longer than the caller waits.
import { randomUUID } from "node:crypto";
import {
  bearer,
  ContractServer,
  looksLikeImage,
  type ContractAnswer,
  type ContractRequest,
} from "./contract-server";

export const GRAPH_VERSION = "v21.0";
/** Graph's longest post message. */
export const MAX_MESSAGE = 63_206;

export interface FbPhoto {
  id: string;
  bytes: Buffer;
  altText: string | null;
  published: boolean;
  /** Whether a feed post has attached it already (an unpublished photo attaches once). */
  attached: boolean;
}

export interface FbPost {
  id: string;
  message: string;
  link: string | null;
  photoIds: string[];
  createdTime: string;
}

export interface FbComment {
  id: string;
  /** The post it is under. */
  postId: string;
  /** The top-level comment it answers, for a reply. */
  parentId: string | null;
  from: { id: string; name: string };
  message: string;
  createdTime: string;
  hidden: boolean;
}

export type FbSwitch =
  /** The token was valid but has expired: code 190, subcode 463. */
  | { kind: "expired-token" }
  /** The Page is throttled (code 32) with Graph's usage header saying when access comes back. */
  | { kind: "rate-limit"; regainMinutes: number }
  /** Graph's front end fails before Graph sees the call (HTTP 503, no Graph error object). */
  | { kind: "fail-before" }
  /** Graph makes the post, then answers with an unknown error (code 1, HTTP 500). */
  | { kind: "fail-after" }
  /** Graph makes the post and holds the answer for this long. */
  | { kind: "slow-after"; ms: number };

const graphError = (
  status: number,
  code: number,
  message: string,
  extra: Record<string, unknown> = {},
  headers?: Record<string, string>,
): ContractAnswer => ({
  status,
  body: {
    error: {
      message,
      type: code === 190 ? "OAuthException" : "GraphMethodException",
      code,
      ...extra,
      fbtrace_id: "Afake",
    },
  },
  ...(headers ? { headers } : {}),
});
const invalidParam = (message: string) => graphError(400, 100, `(#100) ${message}`);

const fbTime = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "+0000");

export class FacebookServer {
  readonly pageTokens = new Set<string>();
  /** Page tokens of a person without the Page's MODERATE task (they may post, not block). */
  readonly tokensWithoutModerate = new Set<string>();
  /** The page-scoped ids the Page has blocked. */
  readonly blocked = new Set<string>();
  readonly posts: FbPost[] = [];
  readonly photos = new Map<string, FbPhoto>();
  readonly comments: FbComment[] = [];
  private readonly switches: FbSwitch[] = [];
  private readonly http = new ContractServer();
  private seq = 100_000_000_000n;
  /** The versioned base, as a connection's apiBase would hold it. */
  url = "";

  constructor(readonly pageId = "104200000000001") {}

  private id(): string {
    this.seq += 13n;
    return String(this.seq);
  }

  /** The next create call (feed post or published photo) meets this, once. */
  next(s: FbSwitch): void {
    this.switches.push(s);
  }

  token(): string {
    const t = `EAAG${randomUUID().replace(/-/g, "")}`;
    this.pageTokens.add(t);
    return t;
  }

  async start(): Promise<this> {
    const v = `/${GRAPH_VERSION}`;
    const h = this.http;
    h.on("POST", `${v}/:page/blocked`, (req) => this.asPage(req, () => this.block(req)));
    h.on("POST", `${v}/:page/feed`, (req) => this.asPage(req, () => this.feed(req)));
    h.on("POST", `${v}/:page/photos`, (req) => this.asPage(req, () => this.photo(req)));
    h.on("GET", `${v}/:page/posts`, (req) => this.asPage(req, () => this.list(req)));
    h.on("GET", `${v}/:id/comments`, (req) => this.auth(req, () => this.listComments(req)));
    h.on("POST", `${v}/:id/comments`, (req) => this.auth(req, () => this.addComment(req)));
    h.on("POST", `${v}/:id`, (req) => this.auth(req, () => this.updateComment(req)));
    h.on("GET", `${v}/:id`, (req) =>
      this.auth(req, () => {
        const p = this.posts.find((x) => x.id === req.params.id);
        if (p) return { status: 200, body: this.render(p) };
        const c = this.comments.find((x) => x.id === req.params.id);
        return c ? { status: 200, body: this.renderComment(c) } : this.unknownObject(req.params.id!);
      }),
    );
    h.on("DELETE", `${v}/:id`, (req) =>
      this.auth(req, () => {
        const c = this.comments.findIndex((x) => x.id === req.params.id);
        if (c >= 0) {
          // A Page deletes comments on its own posts; the replies under a comment go with it.
          if (!this.comments[c]!.postId.startsWith(`${this.pageId}_`))
            return this.unknownObject(req.params.id!);
          const [gone] = this.comments.splice(c, 1);
          for (let j = this.comments.length - 1; j >= 0; j--)
            if (this.comments[j]!.parentId === gone!.id) this.comments.splice(j, 1);
          return { status: 200, body: { success: true } };
        }
        const i = this.posts.findIndex((x) => x.id === req.params.id);
        if (i < 0) return this.unknownObject(req.params.id!);
        this.posts.splice(i, 1);
        return { status: 200, body: { success: true } };
      }),
    );
    const base = await h.start();
    this.url = `${base}${v}`;
    return this;
  }

  close = () => this.http.close();

  private unknownObject(id: string) {
    return graphError(
      400,
      100,
      `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      { error_subcode: 33 },
    );
  }

  private auth(req: ContractRequest, fn: () => ContractAnswer | Promise<ContractAnswer>) {
    if (req.query.has("access_token"))
      return invalidParam("safepost sends its token in the Authorization header, never in the URL");
    const token = bearer(req.headers);
    if (!token || !this.pageTokens.has(token))
      return graphError(400, 190, "Invalid OAuth access token - Cannot parse access token");
    return fn();
  }

  private asPage(req: ContractRequest, fn: () => ContractAnswer | Promise<ContractAnswer>) {
    return this.auth(req, () => {
      if (req.params.page !== this.pageId) return this.unknownObject(req.params.page!);
      return fn();
    });
  }

  /** Runs a create call through the switch set for it, if any. */
  private async create(make: () => ContractAnswer): Promise<ContractAnswer> {
    const s = this.switches.shift();
    if (!s) return make();
    switch (s.kind) {
      case "expired-token":
        return graphError(400, 190, "Error validating access token: Session has expired.", {
          error_subcode: 463,
        });
      case "rate-limit":
        return graphError(
          400,
          32,
          "(#32) Page request limit reached",
          {},
          {
            "x-business-use-case-usage": JSON.stringify({
              [this.pageId]: [
                {
                  type: "pages",
                  call_count: 100,
                  total_cputime: 40,
                  total_time: 40,
                  estimated_time_to_regain_access: s.regainMinutes,
                },
              ],
            }),
          },
        );
      case "fail-before":
        return { status: 503, body: "Service Unavailable", headers: { "content-type": "text/plain" } };
      case "fail-after": {
        const made = make();
        if (made.status !== 200) return made;
        return graphError(500, 1, "An unknown error has occurred.", { is_transient: true });
      }
      case "slow-after": {
        const made = make();
        await new Promise((r) => setTimeout(r, s.ms));
        return made;
      }
    }
  }

  private feed(req: ContractRequest): Promise<ContractAnswer> | ContractAnswer {
    const type = String(req.headers["content-type"] ?? "");
    if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("application/json"))
      return invalidParam("the body must be a form or JSON");
    const body = (req.json() ?? {}) as Record<string, string>;
    const message = body.message ?? "";
    const link = body.link ?? null;
    const attached: string[] = [];
    for (let i = 0; body[`attached_media[${i}]`] !== undefined; i++) {
      let fbid: unknown;
      try {
        fbid = (JSON.parse(body[`attached_media[${i}]`]!) as { media_fbid?: unknown }).media_fbid;
      } catch {
        return invalidParam(`attached_media[${i}] must be JSON with a media_fbid`);
      }
      const photo = typeof fbid === "string" ? this.photos.get(fbid) : undefined;
      if (!photo || photo.published || photo.attached)
        return invalidParam(`attached_media[${i}] must be an unpublished photo of this Page`);
      attached.push(photo.id);
    }
    if (!message && !link && attached.length === 0)
      return invalidParam("The status you are trying to publish is empty");
    if (message.length > MAX_MESSAGE)
      return invalidParam(`The message is too long: at most ${MAX_MESSAGE} characters`);
    if (link !== null && !/^https?:\/\/[^\s]+$/.test(link)) return invalidParam("link must be a valid URL");
    if (link !== null && attached.length) return invalidParam("a post takes a link or photos, not both");
    return this.create(() => {
      for (const id of attached) this.photos.get(id)!.attached = true;
      const post = this.addPost(message, link, attached);
      return { status: 200, body: { id: post.id } };
    });
  }

  private photo(req: ContractRequest): Promise<ContractAnswer> | ContractAnswer {
    let parts;
    try {
      parts = req.parts();
    } catch {
      return invalidParam("photos are uploaded as multipart/form-data");
    }
    const field = (n: string) => parts.get(n)?.data.toString("utf8");
    const source = parts.get("source");
    if (!source?.filename) return invalidParam("source must be an uploaded file");
    if (!looksLikeImage(source.data)) return graphError(400, 324, "(#324) Missing or invalid image file");
    const published = (field("published") ?? "true") !== "false";
    const message = field("message") ?? "";
    if (message.length > MAX_MESSAGE)
      return invalidParam(`The message is too long: at most ${MAX_MESSAGE} characters`);
    const photo: FbPhoto = {
      id: this.id(),
      bytes: source.data,
      altText: field("alt_text_custom") ?? null,
      published,
      attached: false,
    };
    if (!published) {
      this.photos.set(photo.id, photo);
      return { status: 200, body: { id: photo.id } };
    }
    return this.create(() => {
      this.photos.set(photo.id, photo);
      const post = this.addPost(message, null, [photo.id]);
      return { status: 200, body: { id: photo.id, post_id: post.id } };
    });
  }

  /** A member of the public comments on a post (or answers a comment); returns the comment. */
  visitorComment(objectId: string, message: string, name = "Sam Visitor"): FbComment {
    const from = { id: `9${this.id()}`, name };
    const made = this.makeComment(objectId, from, message);
    if (!made) throw new Error(`no post or comment ${objectId}`);
    return made;
  }

  private makeComment(objectId: string, from: { id: string; name: string }, message: string) {
    const post = this.posts.find((p) => p.id === objectId);
    const onComment = this.comments.find((c) => c.id === objectId);
    if (!post && !onComment) return null;
    const postId = post ? post.id : onComment!.postId;
    // Graph keeps one level of replies: an answer to a reply joins the top comment's thread.
    const parentId = onComment ? (onComment.parentId ?? onComment.id) : null;
    const comment: FbComment = {
      id: `${postId.split("_")[1]}_${this.id()}`,
      postId,
      parentId,
      from,
      message,
      createdTime: fbTime(new Date()),
      hidden: false,
    };
    this.comments.push(comment);
    return comment;
  }

  renderComment(c: FbComment) {
    return {
      id: c.id,
      message: c.message,
      created_time: c.createdTime,
      from: c.from,
      is_hidden: c.hidden,
      permalink_url: `https://www.facebook.com/${c.postId.replace("_", "/posts/")}?comment_id=${c.id}`,
      ...(c.parentId ? { parent: { id: c.parentId } } : {}),
    };
  }

  private listComments(req: ContractRequest): ContractAnswer {
    const id = req.params.id!;
    const post = this.posts.find((p) => p.id === id);
    const comment = this.comments.find((c) => c.id === id);
    if (!post && !comment) return this.unknownObject(id);
    const limit = Number(req.query.get("limit") ?? 25);
    if (!(limit >= 1 && limit <= 100)) return invalidParam("limit must be between 1 and 100");
    const filter = req.query.get("filter") ?? "toplevel";
    if (!["toplevel", "stream"].includes(filter)) return invalidParam("filter must be toplevel or stream");
    const order = req.query.get("order") ?? "chronological";
    if (!["chronological", "reverse_chronological"].includes(order))
      return invalidParam("order must be chronological or reverse_chronological");
    let data = post
      ? this.comments.filter((c) => c.postId === id && (filter === "stream" || c.parentId === null))
      : this.comments.filter((c) => c.parentId === id);
    if (order === "reverse_chronological") data = [...data].reverse();
    return {
      status: 200,
      body: { data: data.slice(0, limit).map((c) => this.renderComment(c)), paging: {} },
    };
  }

  private addComment(req: ContractRequest): ContractAnswer {
    const body = (req.json() ?? {}) as Record<string, string>;
    const message = body.message ?? "";
    if (!message.trim()) return invalidParam("message is required");
    if (message.length > 8_000) return invalidParam("The message is too long: at most 8000 characters");
    const made = this.makeComment(req.params.id!, { id: this.pageId, name: "The Page" }, message);
    return made ? { status: 200, body: { id: made.id } } : this.unknownObject(req.params.id!);
  }

  /**
   * POST /{page-id}/blocked: a Page token of someone with the MODERATE task, and `psid` (or `asid`, `uid`,
   * `user`) as a JSON list of ids; the answer maps each id to whether it is now blocked. The Page cannot
   * block itself. Blocking someone blocked already answers true again.
   */
  private block(req: ContractRequest): ContractAnswer {
    if (this.tokensWithoutModerate.has(bearer(req.headers) ?? ""))
      return graphError(403, 200, "(#200) The user must be able to perform the MODERATE task on the Page");
    const body = (req.json() ?? {}) as Record<string, string>;
    const known = ["psid", "asid", "uid", "user"];
    const unknown = Object.keys(body).filter((k) => !known.includes(k));
    if (unknown.length) return invalidParam(`Unknown parameter: ${unknown.join(", ")}`);
    const given = known.filter((k) => body[k] !== undefined);
    if (given.length !== 1) return invalidParam("One of psid, asid, uid or user is required");
    let ids: unknown;
    try {
      ids = JSON.parse(body[given[0]!]!);
    } catch {
      return invalidParam(`${given[0]} must be a list of ids`);
    }
    if (!Array.isArray(ids) || !ids.length || !ids.every((x) => typeof x === "string" && /^\d+$/.test(x)))
      return invalidParam(`${given[0]} must be a list of ids`);
    const answer: Record<string, boolean> = {};
    for (const id of ids as string[]) {
      if (id === this.pageId) return invalidParam("A Page cannot block itself");
      this.blocked.add(id);
      answer[id] = true;
    }
    return { status: 200, body: answer };
  }

  private updateComment(req: ContractRequest): ContractAnswer {
    const c = this.comments.find((x) => x.id === req.params.id);
    if (!c) return this.unknownObject(req.params.id!);
    const body = (req.json() ?? {}) as Record<string, string>;
    if (body.is_hidden !== "true" && body.is_hidden !== "false")
      return invalidParam("is_hidden must be true or false");
    if (c.from.id === this.pageId) return invalidParam("A Page cannot hide its own comments");
    c.hidden = body.is_hidden === "true";
    return { status: 200, body: { success: true } };
  }

  private addPost(message: string, link: string | null, photoIds: string[]): FbPost {
    const post: FbPost = {
      id: `${this.pageId}_${this.id()}`,
      message,
      link,
      photoIds,
      createdTime: fbTime(new Date()),
    };
    this.posts.push(post);
    return post;
  }

  private list(req: ContractRequest): ContractAnswer {
    const limit = Number(req.query.get("limit") ?? 25);
    if (!(limit >= 1 && limit <= 100)) return invalidParam("limit must be between 1 and 100");
    const data = [...this.posts]
      .reverse()
      .slice(0, limit)
      .map((p) => this.render(p));
    return { status: 200, body: { data, paging: {} } };
  }

  /** A post as Graph returns it (fields asked for are not filtered: the tests read what they need). */
  render(p: FbPost) {
    return {
      id: p.id,
      created_time: p.createdTime,
      ...(p.message ? { message: p.message } : {}),
      ...(p.link ? { link: p.link } : {}),
      permalink_url: `https://www.facebook.com/${p.id.replace("_", "/posts/")}`,
    };
  }
}
