// A local LinkedIn Community Management API (versioned /rest endpoints) for what safepost uses: POST
// /rest/images?action=initializeUpload and the upload address it hands out (PUT of the bytes), POST /rest/posts
// (an organisation's post: commentary in the little text format, PUBLIC, MAIN_FEED, PUBLISHED, content as one
// image, multiImage or an article), the author finder GET /rest/posts?q=author, and DELETE /rest/posts/{urn}.
// Every call needs a LinkedIn-Version header naming a live version and X-Restli-Protocol-Version 2.0.0, and a
// token issued for an admin of the organisation. Bodies are checked field by field as Rest.li does (an unknown
// field is refused); errors come in LinkedIn's shape { status, serviceErrorCode, code, message }. Commentary is
// read as LinkedIn reads it: an unescaped reserved character ends the text there, as it does on LinkedIn.
import { randomUUID } from "node:crypto";
import { bearer, ContractServer, type ContractAnswer, type ContractRequest } from "./contract-server";

/** Versions this server treats as live (LinkedIn sunsets a version about a year after its release). */
export const LIVE_VERSIONS = new Set(["202601", "202604", "202607", "202610", "202611"]);
export const MAX_COMMENTARY = 3_000;

export interface LiImage {
  urn: string;
  owner: string;
  uploadKey: string;
  bytes: Buffer | null;
  type: "jpeg" | "png" | "gif" | null;
}

export interface LiPost {
  urn: string;
  author: string;
  /** The commentary as sent (little text). */
  commentary: string;
  /** The commentary as LinkedIn shows it. */
  text: string;
  images: { id: string; altText: string }[];
  article: { source: string; title: string } | null;
  /** What a reader can click: the article's address and every web address in the shown text. */
  links: string[];
  createdAt: number;
}

/** Web addresses in shown text, as LinkedIn makes them clickable (up to a space; trailing punctuation left out). */
export function linksInText(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s]+/g)].map((m) => m[0].replace(/[.,;:!?'"]+$/, ""));
}

const liError = (status: number, code: string, message: string, serviceErrorCode = 100) => ({
  status,
  body: { status, serviceErrorCode, code, message },
});
const invalid = (message: string) => liError(422, "UNPROCESSABLE_ENTITY", message);

const RESERVED = new Set([..."\\|{}@[]()<>#*_~"]);

/** The text a little-format commentary shows: escapes undone, hashtags and mentions as words; cut at a stray reserved character. */
export function readLittle(source: string): string {
  let out = "";
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "\\") {
      out += source[++i] ?? "";
      continue;
    }
    if (!RESERVED.has(c)) {
      out += c;
      continue;
    }
    const rest = source.slice(i);
    const tag = /^\{hashtag\|([#＃])\|([^|{}]+)\}/u.exec(rest);
    if (tag) {
      out += `${tag[1]}${tag[2]}`;
      i += tag[0].length - 1;
      continue;
    }
    const mention = /^@\[([^\]]+)\]\((urn:li:(?:person|organization):[^)]+)\)/.exec(rest);
    if (mention) {
      out += mention[1];
      i += mention[0].length - 1;
      continue;
    }
    return out; // LinkedIn drops everything from a character it cannot read
  }
  return out;
}

function imageType(b: Buffer): LiImage["type"] {
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "png";
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  if (b.subarray(0, 4).toString("ascii") === "GIF8") return "gif";
  return null;
}

const record = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** The first field of `obj` not in `allowed`, as Rest.li names it in its answer. */
function unknownField(obj: Record<string, unknown>, allowed: string[], at: string): string | null {
  const extra = Object.keys(obj).find((k) => !allowed.includes(k));
  return extra ? `ERROR :: ${at}/${extra} :: unrecognized field found but not allowed` : null;
}

export interface LiComment {
  id: string;
  urn: string;
  postUrn: string;
  /** The top comment it answers (LinkedIn keeps one level of replies). */
  parent: string | null;
  actor: string;
  text: string;
  time: number;
}

/** LinkedIn's longest comment. */
export const MAX_COMMENT = 1_250;

export class LinkedInServer {
  readonly tokens = new Set<string>();
  readonly posts: LiPost[] = [];
  readonly images = new Map<string, LiImage>();
  readonly comments: LiComment[] = [];
  private readonly http = new ContractServer();
  private seq = 7_200_000_000_000_000_000n;
  private expireNext = false;
  url = "";

  constructor(readonly organisationId = "90210001") {}

  get orgUrn(): string {
    return `urn:li:organization:${this.organisationId}`;
  }

  get requests() {
    return this.http.log;
  }

  token(): string {
    const t = `AQ${randomUUID().replace(/-/g, "")}`;
    this.tokens.add(t);
    return t;
  }

  /** The next POST /rest/posts meets a token that has just expired, once. */
  expireTokenOnNextPost(): void {
    this.expireNext = true;
  }

  private id(): string {
    this.seq += 31n;
    return String(this.seq);
  }

  async start(): Promise<this> {
    const h = this.http;
    h.on("POST", "/rest/images", (req) => this.versioned(req, () => this.initializeUpload(req)));
    h.on("PUT", "/dms-uploads/:key", (req) => this.upload(req));
    h.on("POST", "/rest/posts", (req) => this.versioned(req, () => this.create(req)));
    h.on("GET", "/rest/socialActions/:urn/comments", (req) =>
      this.versioned(req, () => this.listComments(req)),
    );
    h.on("POST", "/rest/socialActions/:urn/comments", (req) =>
      this.versioned(req, () => this.addComment(req)),
    );
    h.on("DELETE", "/rest/socialActions/:urn/comments/:id", (req) =>
      this.versioned(req, () => {
        if (req.query.get("actor") !== this.orgUrn)
          return liError(403, "ACCESS_DENIED", "The actor must be the organisation that owns the post");
        const i = this.comments.findIndex(
          (c) => c.id === req.params.id && (c.postUrn === req.params.urn || c.parent === req.params.urn),
        );
        if (i < 0) return liError(404, "NOT_FOUND", "Comment not found");
        const [gone] = this.comments.splice(i, 1);
        for (let j = this.comments.length - 1; j >= 0; j--)
          if (this.comments[j]!.parent === gone!.urn) this.comments.splice(j, 1);
        return { status: 204 };
      }),
    );
    h.on("GET", "/rest/posts", (req) => this.versioned(req, () => this.find(req)));
    h.on("DELETE", "/rest/posts/:urn", (req) =>
      this.versioned(req, () => {
        const i = this.posts.findIndex((p) => p.urn === req.params.urn);
        if (i < 0) return liError(404, "NOT_FOUND", "Not Found");
        this.posts.splice(i, 1);
        return { status: 204 };
      }),
    );
    this.url = await h.start();
    return this;
  }

  close = () => this.http.close();

  /** The checks every /rest call passes first: the version headers, then the token. */
  private versioned(req: ContractRequest, fn: () => ContractAnswer | Promise<ContractAnswer>) {
    const version = req.headers["linkedin-version"];
    if (version === undefined)
      return liError(
        400,
        "VERSION_MISSING",
        "A version must be present. Please specify a version by adding the LinkedIn-Version header.",
      );
    if (
      typeof version !== "string" ||
      !/^\d{6}(\.\d{2})?$/.test(version) ||
      !LIVE_VERSIONS.has(version.slice(0, 6))
    )
      return liError(426, "NONEXISTENT_VERSION", `Requested version ${String(version)} is not active`);
    if (req.headers["x-restli-protocol-version"] !== "2.0.0")
      return liError(400, "INVALID_PROTOCOL_VERSION", "X-Restli-Protocol-Version must be 2.0.0");
    const token = bearer(req.headers);
    if (!token || !this.tokens.has(token))
      return liError(401, "INVALID_ACCESS_TOKEN", "Invalid access token", 65600);
    return fn();
  }

  private body(req: ContractRequest): { value: Record<string, unknown> } | { answer: ContractAnswer } {
    if (!String(req.headers["content-type"] ?? "").startsWith("application/json"))
      return { answer: liError(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json") };
    try {
      const value = record(JSON.parse(req.raw.toString("utf8")));
      return value ? { value } : { answer: invalid("The body must be a JSON object") };
    } catch {
      return { answer: liError(400, "BAD_REQUEST", "Unable to parse the JSON body") };
    }
  }

  private initializeUpload(req: ContractRequest): ContractAnswer {
    if (req.query.get("action") !== "initializeUpload")
      return liError(400, "BAD_REQUEST", "action must be initializeUpload");
    const body = this.body(req);
    if ("answer" in body) return body.answer;
    const init = record(body.value.initializeUploadRequest);
    if (!init || typeof init.owner !== "string")
      return invalid("ERROR :: /initializeUploadRequest/owner :: field is required but not found");
    if (init.owner !== this.orgUrn)
      return liError(403, "ACCESS_DENIED", "Not enough permissions to upload as this owner");
    const image: LiImage = {
      urn: `urn:li:image:D4E${randomUUID().replace(/-/g, "").slice(0, 16)}`,
      owner: init.owner,
      uploadKey: randomUUID(),
      bytes: null,
      type: null,
    };
    this.images.set(image.urn, image);
    return {
      status: 200,
      body: {
        value: {
          uploadUrlExpiresAt: Date.now() + 60 * 60 * 1000,
          uploadUrl: `${this.url}/dms-uploads/${image.uploadKey}`,
          image: image.urn,
        },
      },
    };
  }

  private upload(req: ContractRequest): ContractAnswer {
    const image = [...this.images.values()].find((i) => i.uploadKey === req.params.key);
    if (!image) return { status: 404 };
    const type = imageType(req.raw);
    if (!type) return liError(400, "BAD_REQUEST", "The upload is not a JPEG, PNG or GIF image");
    image.bytes = req.raw;
    image.type = type;
    return { status: 201 };
  }

  private uploadedImage(id: unknown, at: string): string | null {
    if (typeof id !== "string") return `ERROR :: ${at}/id :: field is required but not found`;
    const image = this.images.get(id);
    if (!image || image.owner !== this.orgUrn)
      return `ERROR :: ${at}/id :: ${id} is not an image of the author`;
    if (!image.bytes) return `ERROR :: ${at}/id :: ${id} has not been uploaded`;
    return null;
  }

  private content(c: unknown): { error: string } | Pick<LiPost, "images" | "article"> {
    if (c === undefined) return { images: [], article: null };
    const content = record(c);
    if (!content) return { error: "ERROR :: /content :: must be an object" };
    const kinds = Object.keys(content);
    if (kinds.length !== 1) return { error: "ERROR :: /content :: exactly one kind of content is allowed" };
    const media = record(content.media);
    if (media) {
      const bad =
        unknownField(media, ["id", "altText", "title"], "/content/media") ??
        this.uploadedImage(media.id, "/content/media");
      if (bad) return { error: bad };
      return { images: [{ id: String(media.id), altText: String(media.altText ?? "") }], article: null };
    }
    const multi = record(content.multiImage);
    if (multi) {
      const list = Array.isArray(multi.images) ? multi.images.map(record) : [];
      if (list.length < 2 || list.length > 20)
        return { error: "ERROR :: /content/multiImage/images :: a multiImage post takes 2 to 20 images" };
      const images: LiPost["images"] = [];
      for (const [i, img] of list.entries()) {
        const at = `/content/multiImage/images/${i}`;
        const bad = !img
          ? `ERROR :: ${at} :: must be an object`
          : (unknownField(img, ["id", "altText"], at) ?? this.uploadedImage(img.id, at));
        if (bad) return { error: bad };
        images.push({ id: String(img!.id), altText: String(img!.altText ?? "") });
      }
      return { images, article: null };
    }
    const art = record(content.article);
    if (art) {
      const bad = unknownField(
        art,
        ["source", "title", "description", "thumbnail", "thumbnailAltText"],
        "/content/article",
      );
      if (bad) return { error: bad };
      if (typeof art.source !== "string" || !/^https?:\/\/\S+$/.test(art.source))
        return { error: "ERROR :: /content/article/source :: must be a URL" };
      // LinkedIn does not read the page for an API post: the title it shows is the one sent, so it is required.
      if (typeof art.title !== "string" || !art.title.trim())
        return { error: "ERROR :: /content/article/title :: field is required but not found" };
      if (art.thumbnail !== undefined) {
        const bad = this.uploadedImage(art.thumbnail, "/content/article/thumbnail");
        if (bad) return { error: bad };
      }
      return { images: [], article: { source: art.source, title: art.title } };
    }
    return { error: `ERROR :: /content/${kinds[0]} :: unrecognized field found but not allowed` };
  }

  private create(req: ContractRequest): ContractAnswer {
    const parsed = this.body(req);
    if ("answer" in parsed) return parsed.answer;
    const b = parsed.value;
    const extra = unknownField(
      b,
      [
        "author",
        "commentary",
        "visibility",
        "distribution",
        "lifecycleState",
        "isReshareDisabledByAuthor",
        "content",
      ],
      "",
    );
    if (extra) return invalid(extra);
    for (const f of ["author", "visibility", "distribution", "lifecycleState"])
      if (b[f] === undefined) return invalid(`ERROR :: /${f} :: field is required but not found`);
    if (typeof b.author !== "string" || !/^urn:li:(organization|person):\w+$/.test(b.author))
      return invalid("ERROR :: /author :: must be a person or organization URN");
    if (b.author !== this.orgUrn)
      return liError(403, "ACCESS_DENIED", "Not enough permissions to post as this author");
    if (b.visibility !== "PUBLIC") return invalid("ERROR :: /visibility :: an organization posts PUBLIC");
    const dist = record(b.distribution);
    if (!dist || !["MAIN_FEED", "NONE"].includes(String(dist.feedDistribution)))
      return invalid("ERROR :: /distribution/feedDistribution :: must be MAIN_FEED or NONE");
    if (!["PUBLISHED", "DRAFT"].includes(String(b.lifecycleState)))
      return invalid("ERROR :: /lifecycleState :: must be PUBLISHED or DRAFT");
    if (b.isReshareDisabledByAuthor !== undefined && typeof b.isReshareDisabledByAuthor !== "boolean")
      return invalid("ERROR :: /isReshareDisabledByAuthor :: must be a boolean");
    const commentary = b.commentary ?? "";
    if (typeof commentary !== "string") return invalid("ERROR :: /commentary :: must be a string");
    if (commentary.length > MAX_COMMENTARY)
      return invalid(
        `ERROR :: /commentary :: length ${commentary.length} exceeds the maximum of ${MAX_COMMENTARY}`,
      );
    const content = this.content(b.content);
    if ("error" in content) return invalid(content.error);
    if (!commentary && !content.images.length && !content.article)
      return invalid("ERROR :: /commentary :: a post needs commentary or content");
    if (this.expireNext) {
      this.expireNext = false;
      return liError(401, "EXPIRED_ACCESS_TOKEN", "The token used in the request has expired", 65601);
    }
    const duplicate = this.posts.find(
      (p) => p.author === b.author && p.commentary === commentary && commentary,
    );
    if (duplicate) return invalid(`Content is a duplicate of ${duplicate.urn}`);
    const text = readLittle(commentary);
    const post: LiPost = {
      urn: `urn:li:share:${this.id()}`,
      author: b.author,
      commentary,
      text,
      ...content,
      links: [...(content.article ? [content.article.source] : []), ...linksInText(text)],
      createdAt: Date.now(),
    };
    this.posts.push(post);
    return { status: 201, headers: { "x-restli-id": post.urn } };
  }

  /** A member comments on a post, or answers a comment; returns the comment. */
  visitorComment(target: string, text: string, member = "urn:li:person:Pat1ent"): LiComment {
    const made = this.makeComment(target, member, text);
    if (!made) throw new Error(`no post or comment ${target}`);
    return made;
  }

  private makeComment(target: string, actor: string, text: string): LiComment | null {
    const post = this.posts.find((p) => p.urn === target);
    const on = this.comments.find((c) => c.urn === target);
    if (!post && !on) return null;
    const postUrn = post ? post.urn : on!.postUrn;
    const id = this.id().slice(-12);
    const c: LiComment = {
      id,
      urn: `urn:li:comment:(${postUrn.replace("urn:li:share:", "urn:li:activity:")},${id})`,
      postUrn,
      parent: on ? (on.parent ?? on.urn) : null,
      actor,
      text,
      time: Date.now(),
    };
    this.comments.push(c);
    return c;
  }

  renderComment(c: LiComment) {
    return {
      id: c.id,
      commentUrn: c.urn,
      actor: c.actor,
      object: c.postUrn,
      ...(c.parent ? { parentComment: c.parent } : {}),
      message: { text: c.text, attributes: [] },
      created: { actor: c.actor, time: c.time },
      lastModified: { actor: c.actor, time: c.time },
    };
  }

  private listComments(req: ContractRequest): ContractAnswer {
    const target = req.params.urn!;
    const isPost = this.posts.some((p) => p.urn === target);
    if (!isPost && !this.comments.some((c) => c.urn === target))
      return liError(404, "NOT_FOUND", "No such post or comment");
    const start = Number(req.query.get("start") ?? 0);
    const count = Number(req.query.get("count") ?? 10);
    if (!(Number.isInteger(start) && start >= 0))
      return liError(400, "BAD_REQUEST", "start must be 0 or more");
    if (!(count >= 1 && count <= 100)) return liError(400, "BAD_REQUEST", "count must be between 1 and 100");
    const all = this.comments
      .filter((c) => (isPost ? c.postUrn === target && c.parent === null : c.parent === target))
      .sort((a, b) => b.time - a.time);
    return {
      status: 200,
      body: {
        elements: all.slice(start, start + count).map((c) => this.renderComment(c)),
        paging: { start, count, total: all.length, links: [] },
      },
    };
  }

  private addComment(req: ContractRequest): ContractAnswer {
    const parsed = this.body(req);
    if ("answer" in parsed) return parsed.answer;
    const b = parsed.value;
    const extra = unknownField(b, ["actor", "object", "message", "parentComment", "content"], "/");
    if (extra) return invalid(extra);
    if (b.actor !== this.orgUrn)
      return liError(403, "ACCESS_DENIED", "Not enough permissions to comment as this actor");
    const target = req.params.urn!;
    const post = this.posts.find((p) => p.urn === target);
    if (!post) return liError(404, "NOT_FOUND", "No such post");
    if (b.object !== post.urn) return invalid("object must be the post the comment is on");
    const text = record(b.message)?.text;
    if (typeof text !== "string" || !text.trim()) return invalid("message.text is required");
    if ([...text].length > MAX_COMMENT)
      return invalid(`message.text is longer than ${MAX_COMMENT} characters`);
    let on = target;
    if (b.parentComment !== undefined) {
      const parent = this.comments.find((c) => c.urn === b.parentComment && c.postUrn === post.urn);
      if (!parent) return invalid("parentComment must be a comment on this post");
      on = parent.urn;
    }
    const made = this.makeComment(on, this.orgUrn, text)!;
    return { status: 201, headers: { "x-restli-id": made.urn }, body: this.renderComment(made) };
  }

  private find(req: ContractRequest): ContractAnswer {
    if (req.query.get("q") !== "author") return liError(400, "BAD_REQUEST", "q must be author");
    const author = req.query.get("author");
    if (author !== this.orgUrn)
      return liError(403, "ACCESS_DENIED", "Not enough permissions to read this author");
    const count = Number(req.query.get("count") ?? 10);
    if (!(count >= 1 && count <= 100)) return liError(400, "BAD_REQUEST", "count must be between 1 and 100");
    const elements = [...this.posts]
      .filter((p) => p.author === author)
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, count)
      .map((p) => ({
        id: p.urn,
        author: p.author,
        commentary: p.commentary,
        visibility: "PUBLIC",
        lifecycleState: "PUBLISHED",
        distribution: {
          feedDistribution: "MAIN_FEED",
          targetEntities: [],
          thirdPartyDistributionChannels: [],
        },
        createdAt: p.createdAt,
        publishedAt: p.createdAt,
        lastModifiedAt: p.createdAt,
      }));
    return { status: 200, body: { elements, paging: { start: 0, count, links: [] } } };
  }
}
