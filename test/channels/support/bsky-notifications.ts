// The one AppView endpoint the inbox reads, app.bsky.notification.listNotifications, answered from the real
// PDS's records. The reference AppView needs Redis and PostgreSQL of its own; this stands in for its indexing
// only: the PDS proxies the call here with its service token (whose issuer is the caller), and the answer is
// built from every post record on the PDS that replies to or mentions the caller, newest first, in the
// notification shape the lexicon gives. Replies, threadgates and everything else stay on the real PDS.
import { ContractServer } from "./contract-server";

interface PostValue {
  text?: string;
  createdAt?: string;
  reply?: { root: { uri: string }; parent: { uri: string } };
  facets?: { features: { $type: string; did?: string }[] }[];
}

/** The issuer of a service JWT (the PDS signed it; the stand-in trusts the PDS it sits behind). */
function issuer(auth: string | undefined): string | null {
  const token = auth?.replace(/^Bearer /, "").split(".")[1];
  if (!token) return null;
  try {
    return (JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { iss?: string }).iss ?? null;
  } catch {
    return null;
  }
}

export class NotificationIndex {
  private readonly http = new ContractServer();
  /** The PDS whose records are indexed (set once it has started). */
  pdsUrl = "";
  readonly did = "did:web:notifications.test";
  url = "";

  async start(): Promise<this> {
    this.http.on("GET", "/xrpc/app.bsky.notification.listNotifications", async (req) => {
      const me = issuer(req.headers.authorization);
      if (!me) return { status: 401, body: { error: "AuthenticationRequired", message: "no service token" } };
      const reasons = req.query.getAll("reasons");
      const limit = Number(req.query.get("limit") ?? 50);
      const offset = Number(req.query.get("cursor") ?? 0);
      const all = (await this.notificationsFor(me)).filter(
        (n) => !reasons.length || reasons.includes(n.reason),
      );
      const page = all.slice(offset, offset + limit);
      const next = offset + limit < all.length ? String(offset + limit) : undefined;
      return { status: 200, body: { notifications: page, ...(next ? { cursor: next } : {}) } };
    });
    this.url = await this.http.start();
    return this;
  }

  close = () => this.http.close();

  private async get<T>(method: string, params: Record<string, string>): Promise<T> {
    const res = await fetch(`${this.pdsUrl}/xrpc/${method}?${new URLSearchParams(params)}`);
    if (!res.ok) throw new Error(`${method}: ${res.status}`);
    return (await res.json()) as T;
  }

  private async notificationsFor(me: string) {
    const { repos } = await this.get<{ repos: { did: string }[] }>("com.atproto.sync.listRepos", {});
    const out = [];
    for (const { did } of repos) {
      if (did === me) continue;
      const { handle } = await this.get<{ handle: string }>("com.atproto.repo.describeRepo", { repo: did });
      const { records } = await this.get<{ records: { uri: string; cid: string; value: PostValue }[] }>(
        "com.atproto.repo.listRecords",
        { repo: did, collection: "app.bsky.feed.post", limit: "100" },
      );
      for (const r of records) {
        const v = r.value;
        const replyTo = [v.reply?.parent.uri, v.reply?.root.uri].some((u) => u?.startsWith(`at://${me}/`));
        const mentions = (v.facets ?? []).some((f) => f.features.some((x) => x.did === me));
        if (!replyTo && !mentions) continue;
        out.push({
          uri: r.uri,
          cid: r.cid,
          author: { did, handle },
          reason: replyTo ? "reply" : "mention",
          record: v,
          isRead: false,
          indexedAt: v.createdAt ?? new Date().toISOString(),
        });
      }
    }
    return out.sort((a, b) => (a.indexedAt < b.indexedAt ? 1 : a.indexedAt > b.indexedAt ? -1 : 0));
  }
}
