// A local Instagram Graph API (v21.0, Facebook Login host) for the content publishing endpoints safepost uses,
// answering in Graph's shapes: GET /{ig-user-id}/content_publishing_limit, POST /{ig-user-id}/media (an image
// container from image_url, which this server fetches as Instagram does and which must be a JPEG; carousel items;
// a CAROUSEL container of 2–10 items), GET /{container-id}?fields=status_code (IN_PROGRESS for a few checks,
// then FINISHED or ERROR), POST /{ig-user-id}/media_publish, GET /{media-id} and GET /{ig-user-id}/media.
// Comments: GET /{media-id}/comments (fields checked against IG Comment's, replies nested, `after` paging),
// GET and POST /{comment-id}/replies (a message required, at most 2,200 characters; no answer to a hidden
// comment; an answer to a reply joins the top comment), POST /{comment-id} with hide=true|false, GET
// /{comment-id}?fields=hidden, DELETE /{comment-id}.
// Every call needs a token issued for this account in the Authorization header (never the URL). Switches make
// the next media_publish meet an expired token or an internal error after the post went live.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { bearer, ContractServer, type ContractAnswer, type ContractRequest } from "./contract-server";

export const GRAPH_VERSION = "v21.0";
/** Instagram's longest caption and most hashtags in one. */
export const MAX_CAPTION = 2_200;
export const MAX_HASHTAGS = 30;

export interface IgContainer {
  id: string;
  kind: "image" | "carousel-item" | "carousel";
  imageUrl: string | null;
  altText: string | null;
  caption: string;
  children: string[];
  /** Status checks left before the container is ready. */
  pollsLeft: number;
  /** Set when processing fails: the status text Instagram gives. */
  error: string | null;
  publishedAs: string | null;
  used: boolean;
}

export interface IgMedia {
  id: string;
  caption: string;
  containerId: string;
  timestamp: string;
  permalink: string;
  /** Alt text of each image, in order. */
  altTexts: string[];
}

export interface IgComment {
  id: string;
  mediaId: string;
  /** The top comment it answers, for a reply (Instagram keeps one level). */
  parentId: string | null;
  from: { id: string; username: string };
  text: string;
  timestamp: string;
  hidden: boolean;
}

/** The fields an IG Comment has (asking for another is Graph's error 100). */
const COMMENT_FIELDS = new Set([
  "id",
  "text",
  "timestamp",
  "username",
  "from",
  "hidden",
  "parent_id",
  "replies",
  "like_count",
  "media",
  "user",
  "legacy_instagram_comment_id",
]);
/** Instagram's longest comment. */
export const MAX_COMMENT = 2_200;

/** The top-level names of a Graph fields list ("a,b{c,d},e" → a, b, e) and each one's own list. */
function fieldList(fields: string): Map<string, string | null> {
  const out = new Map<string, string | null>();
  let depth = 0;
  let start = 0;
  const push = (part: string) => {
    const m = /^([a-z_]+)(?:\{(.*)\})?$/.exec(part.trim());
    out.set(m ? m[1]! : part.trim(), m?.[2] ?? null);
  };
  for (let i = 0; i < fields.length; i++) {
    if (fields[i] === "{") depth++;
    else if (fields[i] === "}") depth--;
    else if (fields[i] === "," && depth === 0) {
      push(fields.slice(start, i));
      start = i + 1;
    }
  }
  if (fields.slice(start).trim()) push(fields.slice(start));
  return out;
}

export type IgSwitch =
  /** The token has expired since it was issued: code 190, subcode 463. */
  | { kind: "expired-token" }
  /** The media goes live, then Graph answers with its unknown error (code 1, HTTP 500). */
  | { kind: "fail-after" };

const graphError = (status: number, code: number, message: string, extra: Record<string, unknown> = {}) => ({
  status,
  body: {
    error: {
      message,
      type: code === 190 ? "OAuthException" : "IGApiException",
      code,
      ...extra,
      fbtrace_id: randomUUID().replace(/-/g, "").slice(0, 20),
    },
  },
});
const invalidParam = (message: string) => graphError(400, 100, `(#100) ${message}`);
const igTime = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "+0000");
const isJpeg = (b: Buffer) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

export class InstagramServer {
  readonly tokens = new Set<string>();
  readonly containers = new Map<string, IgContainer>();
  readonly media: IgMedia[] = [];
  readonly comments: IgComment[] = [];
  /** Every image address fetched, in order. */
  readonly fetched: string[] = [];
  /** The account's publishing quota: how many posts in 24 hours, and how many are used. */
  quota = { total: 100, usage: 0 };
  /** How many status checks a new container answers IN_PROGRESS before it is ready. */
  processingPolls = 1;
  private readonly switches: IgSwitch[] = [];
  private readonly http = new ContractServer();
  private seq = 17_900_000_000_000_000n;
  url = "";

  constructor(readonly accountId = "17841400000000001") {}

  private id(): string {
    this.seq += 7n;
    return String(this.seq);
  }

  token(): string {
    const t = `EAAG${randomUUID().replace(/-/g, "")}`;
    this.tokens.add(t);
    return t;
  }

  /** The next media_publish meets this, once. */
  next(s: IgSwitch): void {
    this.switches.push(s);
  }

  get requests() {
    return this.http.log;
  }

  async start(): Promise<this> {
    const v = `/${GRAPH_VERSION}`;
    const h = this.http;
    h.on("GET", `${v}/:ig/content_publishing_limit`, (req) =>
      this.asAccount(req, () => ({
        status: 200,
        body: {
          data: [
            {
              quota_usage: this.quota.usage,
              config: { quota_total: this.quota.total, quota_duration: 86400 },
            },
          ],
        },
      })),
    );
    h.on("POST", `${v}/:ig/media`, (req) => this.asAccount(req, () => this.createContainer(req)));
    h.on("POST", `${v}/:ig/media_publish`, (req) => this.asAccount(req, () => this.publish(req)));
    h.on("GET", `${v}/:ig/media`, (req) => this.asAccount(req, () => this.list(req)));
    h.on("GET", `${v}/:id/comments`, (req) => this.auth(req, () => this.listComments(req)));
    h.on("GET", `${v}/:id/replies`, (req) => this.auth(req, () => this.listReplies(req)));
    h.on("POST", `${v}/:id/replies`, (req) => this.auth(req, () => this.addReply(req)));
    h.on("POST", `${v}/:id`, (req) => this.auth(req, () => this.updateComment(req)));
    h.on("DELETE", `${v}/:id`, (req) => this.auth(req, () => this.deleteComment(req.params.id!)));
    h.on("GET", `${v}/:id`, (req) => this.auth(req, () => this.read(req.params.id!, req)));
    const base = await h.start();
    this.url = `${base}${v}`;
    return this;
  }

  close = () => this.http.close();

  private auth(req: ContractRequest, fn: () => ContractAnswer | Promise<ContractAnswer>) {
    if (req.query.has("access_token"))
      return invalidParam("safepost sends its token in the Authorization header, never in the URL");
    const token = bearer(req.headers);
    if (!token || !this.tokens.has(token))
      return graphError(400, 190, "Invalid OAuth access token - Cannot parse access token");
    return fn();
  }

  private asAccount(req: ContractRequest, fn: () => ContractAnswer | Promise<ContractAnswer>) {
    return this.auth(req, () =>
      req.params.ig === this.accountId ? fn() : this.unknownObject(req.params.ig!),
    );
  }

  private unknownObject(id: string) {
    return graphError(
      400,
      100,
      `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      { error_subcode: 33 },
    );
  }

  /** Parameters as Graph reads them: from the form body, or the query string. */
  private params(req: ContractRequest): Record<string, string> {
    const type = String(req.headers["content-type"] ?? "");
    const body =
      req.raw.length && type.startsWith("application/x-www-form-urlencoded")
        ? (req.json() as Record<string, string>)
        : {};
    return { ...Object.fromEntries(req.query), ...body };
  }

  private async fetchImage(url: string): Promise<string | null> {
    this.fetched.push(url);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (!res.ok) return "The media could not be fetched from this uri";
      const bytes = Buffer.from(await res.arrayBuffer());
      if (!isJpeg(bytes) || !/^image\/jpeg/.test(res.headers.get("content-type") ?? ""))
        return "Only JPEG images can be published";
      return null;
    } catch {
      return "The media could not be fetched from this uri";
    }
  }

  private async createContainer(req: ContractRequest): Promise<ContractAnswer> {
    const p = this.params(req);
    const caption = p.caption ?? "";
    if (caption.length > MAX_CAPTION)
      return invalidParam(`Param caption must be at most ${MAX_CAPTION} characters long.`);
    const base = { caption, altText: p.alt_text ?? null, pollsLeft: this.processingPolls, publishedAs: null };
    if (p.media_type === "CAROUSEL") {
      const ids = (p.children ?? "").split(",").filter(Boolean);
      if (ids.length < 2 || ids.length > 10) return invalidParam("A carousel takes 2 to 10 children");
      for (const id of ids) {
        const c = this.containers.get(id);
        if (!c || c.kind !== "carousel-item" || c.used)
          return invalidParam(`children: ${id} is not an unused carousel item of this account`);
      }
      for (const id of ids) this.containers.get(id)!.used = true;
      return this.add({ ...base, kind: "carousel", imageUrl: null, children: ids, error: null });
    }
    if (p.media_type !== undefined && p.media_type !== "IMAGE")
      return invalidParam("media_type must be IMAGE or CAROUSEL here");
    const imageUrl = p.image_url ?? "";
    if (!/^https?:\/\/\S+$/.test(imageUrl)) return invalidParam("image_url must be a URL");
    const item = p.is_carousel_item === "true";
    if (item && caption) return invalidParam("A carousel item takes no caption; the carousel has it");
    const unusable = await this.fetchImage(imageUrl);
    if (unusable)
      return graphError(400, 9004, unusable, {
        error_subcode: 2207052,
        error_user_title: "Media download has failed",
      });
    const hashtags = caption.match(/(^|\s)#[^\s#]+/g)?.length ?? 0;
    // Instagram takes the container, then fails it while processing.
    const error =
      hashtags > MAX_HASHTAGS ? `Error: The caption has more than ${MAX_HASHTAGS} hashtags` : null;
    return this.add({
      ...base,
      kind: item ? "carousel-item" : "image",
      imageUrl,
      children: [],
      error,
      used: false,
    });
  }

  private add(c: Omit<IgContainer, "id" | "used"> & { used?: boolean }): ContractAnswer {
    const container: IgContainer = { used: false, ...c, id: this.id() };
    this.containers.set(container.id, container);
    return { status: 200, body: { id: container.id } };
  }

  /** A container's status code as Instagram reports it now (a carousel is as far along as its items). */
  statusOf(c: IgContainer): { code: string; status: string } {
    if (c.publishedAs) return { code: "PUBLISHED", status: "Published" };
    const failed = [c, ...c.children.map((id) => this.containers.get(id)!)].find((x) => x.error);
    if (failed) return { code: "ERROR", status: failed.error! };
    if (c.pollsLeft > 0) return { code: "IN_PROGRESS", status: "In Progress" };
    return { code: "FINISHED", status: "Finished: Media has been uploaded and it is ready to be published." };
  }

  /** A member of the public comments on the account's media (or answers a comment); returns the comment. */
  visitorComment(objectId: string, text: string, username = "sam.patient"): IgComment {
    const made = this.makeComment(objectId, { id: `1784${this.id().slice(4)}`, username }, text);
    if (!made) throw new Error(`no media or comment ${objectId}`);
    return made;
  }

  private makeComment(objectId: string, from: IgComment["from"], text: string): IgComment | null {
    const media = this.media.find((m) => m.id === objectId);
    const on = this.comments.find((c) => c.id === objectId);
    if (!media && !on) return null;
    const c: IgComment = {
      id: `1790${this.id().slice(4)}`,
      mediaId: media ? media.id : on!.mediaId,
      // An answer to a reply joins the top comment's thread.
      parentId: on ? (on.parentId ?? on.id) : null,
      from,
      text,
      timestamp: igTime(new Date()),
      hidden: false,
    };
    this.comments.push(c);
    return c;
  }

  /** A comment with the fields asked for (and its id), as Graph answers; an unknown field is error 100. */
  private renderComment(c: IgComment, fields: string | null): Record<string, unknown> | ContractAnswer {
    const asked = fieldList(fields ?? "id,text,timestamp");
    for (const f of asked.keys())
      if (!COMMENT_FIELDS.has(f))
        return invalidParam(`Tried accessing nonexisting field (${f}) on node type (IGComment)`);
    const out: Record<string, unknown> = { id: c.id };
    for (const [f, sub] of asked) {
      if (f === "text") out.text = c.text;
      if (f === "timestamp") out.timestamp = c.timestamp;
      if (f === "username") out.username = c.from.username;
      if (f === "from") out.from = { id: c.from.id, username: c.from.username };
      if (f === "hidden") out.hidden = c.hidden;
      if (f === "parent_id" && c.parentId) out.parent_id = c.parentId;
      if (f === "media") out.media = { id: c.mediaId };
      if (f === "like_count") out.like_count = 0;
      if (f === "replies") {
        const replies = this.comments.filter((x) => x.parentId === c.id);
        const data = replies.map((r) => this.renderComment(r, sub));
        const bad = data.find((d) => "status" in d && "body" in d);
        if (bad) return bad as ContractAnswer;
        if (replies.length) out.replies = { data };
      }
    }
    return out;
  }

  private page(req: ContractRequest, all: IgComment[]): ContractAnswer {
    const limit = Number(req.query.get("limit") ?? 25);
    if (!(limit >= 1 && limit <= 100)) return invalidParam("limit must be between 1 and 100");
    const after = req.query.get("after");
    const start = after ? Number(Buffer.from(after, "base64url").toString()) : 0;
    if (!Number.isInteger(start) || start < 0) return invalidParam("after is not a cursor of this edge");
    const slice = all.slice(start, start + limit);
    const data = [];
    for (const c of slice) {
      const r = this.renderComment(c, req.query.get("fields"));
      if ("status" in r && "body" in r) return r as ContractAnswer;
      data.push(r);
    }
    const end = start + slice.length;
    const cursor = (n: number) => Buffer.from(String(n)).toString("base64url");
    return {
      status: 200,
      body: {
        data,
        paging: {
          cursors: { before: cursor(start), after: cursor(end) },
          ...(end < all.length ? { next: `${this.url}/${req.params.id}/comments?after=${cursor(end)}` } : {}),
        },
      },
    };
  }

  /** Top-level comments on media, newest first (as Instagram lists them). */
  private listComments(req: ContractRequest): ContractAnswer {
    const id = req.params.id!;
    if (!this.media.some((m) => m.id === id)) return this.unknownObject(id);
    const top = this.comments.filter((c) => c.mediaId === id && c.parentId === null).reverse();
    return this.page(req, top);
  }

  private listReplies(req: ContractRequest): ContractAnswer {
    const id = req.params.id!;
    if (!this.comments.some((c) => c.id === id)) return this.unknownObject(id);
    return this.page(
      req,
      this.comments.filter((c) => c.parentId === id),
    );
  }

  private addReply(req: ContractRequest): ContractAnswer {
    const on = this.comments.find((c) => c.id === req.params.id);
    if (!on) return this.unknownObject(req.params.id!);
    const message = this.params(req).message ?? "";
    if (!message.trim()) return invalidParam("The parameter message is required");
    if (message.length > MAX_COMMENT)
      return invalidParam(`message must be at most ${MAX_COMMENT} characters`);
    if (on.hidden) return invalidParam("You cannot reply to a hidden comment");
    const made = this.makeComment(on.id, { id: this.accountId, username: "brookside.surgery" }, message)!;
    return { status: 200, body: { id: made.id } };
  }

  private updateComment(req: ContractRequest): ContractAnswer {
    const c = this.comments.find((x) => x.id === req.params.id);
    if (!c) return this.unknownObject(req.params.id!);
    const hide = this.params(req).hide;
    if (hide !== "true" && hide !== "false") return invalidParam("hide must be true or false");
    c.hidden = hide === "true";
    return { status: 200, body: { success: true } };
  }

  private deleteComment(id: string): ContractAnswer {
    const i = this.comments.findIndex((x) => x.id === id);
    if (i < 0) return this.unknownObject(id);
    const [c] = this.comments.splice(i, 1);
    // Its replies go with it.
    for (let j = this.comments.length - 1; j >= 0; j--)
      if (this.comments[j]!.parentId === c!.id) this.comments.splice(j, 1);
    return { status: 200, body: { success: true } };
  }

  private read(id: string, req?: ContractRequest): ContractAnswer {
    const comment = this.comments.find((x) => x.id === id);
    if (comment) {
      const r = this.renderComment(comment, req?.query.get("fields") ?? null);
      return "status" in r && "body" in r ? (r as ContractAnswer) : { status: 200, body: r };
    }
    const c = this.containers.get(id);
    if (c) {
      const s = this.statusOf(c);
      if (c.pollsLeft > 0) c.pollsLeft--;
      return { status: 200, body: { id, status_code: s.code, status: s.status } };
    }
    const m = this.media.find((x) => x.id === id);
    return m ? { status: 200, body: this.render(m) } : this.unknownObject(id);
  }

  private publish(req: ContractRequest): ContractAnswer {
    const p = this.params(req);
    const c = p.creation_id ? this.containers.get(p.creation_id) : undefined;
    if (!c) return invalidParam("creation_id must be a media container of this account");
    if (c.kind === "carousel-item") return invalidParam("A carousel item is published through its carousel");
    const status = this.statusOf(c).code;
    if (status === "PUBLISHED") return graphError(400, 9004, "The media has already been published");
    if (status !== "FINISHED")
      return graphError(400, 9007, "Media ID is not available", {
        error_subcode: 2207027,
        error_user_msg: "The media is not ready for publishing, please wait for a moment",
      });
    if (this.quota.usage >= this.quota.total)
      return graphError(400, 9, "Application request limit reached", {
        error_subcode: 2207042,
        error_user_title: "Reached the maximum number of posts",
      });
    const s = this.switches.shift();
    if (s?.kind === "expired-token")
      return graphError(400, 190, "Error validating access token: Session has expired.", {
        error_subcode: 463,
      });
    this.quota.usage++;
    const media: IgMedia = {
      id: this.id(),
      caption: c.caption,
      containerId: c.id,
      timestamp: igTime(new Date()),
      permalink: `https://www.instagram.com/p/${randomUUID().replace(/-/g, "").slice(0, 11)}/`,
      altTexts: (c.kind === "carousel" ? c.children.map((id) => this.containers.get(id)!) : [c]).map(
        (x) => x.altText ?? "",
      ),
    };
    c.publishedAs = media.id;
    this.media.push(media);
    if (s?.kind === "fail-after")
      return graphError(500, 1, "An unknown error has occurred.", { is_transient: true });
    return { status: 200, body: { id: media.id } };
  }

  private list(req: ContractRequest): ContractAnswer {
    const limit = Number(req.query.get("limit") ?? 25);
    if (!(limit >= 1 && limit <= 100)) return invalidParam("limit must be between 1 and 100");
    const data = [...this.media]
      .reverse()
      .slice(0, limit)
      .map((m) => this.render(m));
    return { status: 200, body: { data, paging: {} } };
  }

  render(m: IgMedia) {
    return {
      id: m.id,
      caption: m.caption,
      media_type: m.altTexts.length > 1 ? "CAROUSEL_ALBUM" : "IMAGE",
      timestamp: m.timestamp,
      permalink: m.permalink,
    };
  }
}

/** A stand-in for safepost's public image addresses: serves images at unguessable paths on 127.0.0.1. */
export class ImageHost {
  private readonly server = createServer((req, res) => {
    const f = this.files.get(req.url ?? "");
    if (!f) return void res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
    res.writeHead(200, { "content-type": f.type, "content-length": f.bytes.length }).end(f.bytes);
  });
  private readonly files = new Map<string, { bytes: Buffer; type: string }>();

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Serves these bytes; returns their address. */
  put(bytes: Uint8Array, type: string): string {
    const path = `/media/${randomUUID()}.jpg`;
    this.files.set(path, { bytes: Buffer.from(bytes), type });
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}${path}`;
  }
}
