// The frame every local platform server shares: routes by method and path pattern, bodies read as JSON, form
// or multipart, the request's headers at hand, answers as JSON. Listens on 127.0.0.1 port 0. Each platform's
// contract server adds the endpoints its documentation describes and validates every request against them.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ContractRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  /** The body parsed by its content type: JSON, a URL-encoded or multipart form (null if none). */
  json(): unknown;
  form(): Promise<FormData>;
  /** A multipart body's parts by name, bytes as sent (a part without a filename stays binary). */
  parts(): Map<string, { data: Buffer; filename?: string; type?: string }>;
}

export interface ContractAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (req: ContractRequest) => ContractAnswer | Promise<ContractAnswer>;

export class ContractServer {
  private readonly routes: { method: string; pattern: RegExp; names: string[]; handler: Handler }[] = [];
  /** Every request that reached the server, for tests that check what was sent. */
  readonly log: { method: string; path: string; headers: IncomingHttpHeaders }[] = [];
  private server: Server | null = null;

  /** Adds a route; `:name` in the path matches one segment. */
  on(method: string, path: string, handler: Handler): this {
    const names: string[] = [];
    const pattern = new RegExp(
      `^${path.replace(/:([a-zA-Z_]+)/g, (_, n: string) => (names.push(n), "([^/]+)"))}$`,
    );
    this.routes.push({ method, pattern, names, handler });
    return this;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void (async () => {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        const raw = Buffer.concat(chunks);
        const url = new URL(req.url ?? "/", "http://local");
        const method = req.method ?? "GET";
        this.log.push({ method, path: url.pathname, headers: req.headers });
        let answer: ContractAnswer = { status: 404, body: { error: "Not found" } };
        for (const r of this.routes) {
          const m = r.method === method ? r.pattern.exec(url.pathname) : null;
          if (!m) continue;
          const params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
          try {
            answer = await r.handler(request(method, url, params, req.headers, raw));
          } catch (err) {
            answer = { status: 400, body: { error: `unreadable request: ${(err as Error).message}` } };
          }
          break;
        }
        const body = answer.body === undefined ? "" : JSON.stringify(answer.body);
        res.writeHead(answer.status, {
          ...(body ? { "content-type": "application/json; charset=utf-8" } : {}),
          ...answer.headers,
        });
        res.end(body);
      })();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return this.url;
  }

  get url(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

function request(
  method: string,
  url: URL,
  params: Record<string, string>,
  headers: IncomingHttpHeaders,
  raw: Buffer,
): ContractRequest {
  const type = String(headers["content-type"] ?? "");
  return {
    method,
    path: url.pathname,
    params,
    query: url.searchParams,
    headers,
    raw,
    json() {
      if (raw.length === 0) return null;
      if (type.startsWith("application/x-www-form-urlencoded"))
        return Object.fromEntries(new URLSearchParams(raw.toString("utf8")));
      if (!type.startsWith("application/json")) throw new Error(`content type ${type || "missing"}`);
      return JSON.parse(raw.toString("utf8"));
    },
    form() {
      return new Response(new Uint8Array(raw), { headers: { "content-type": type } }).formData();
    },
    parts: () => multipart(type, raw),
  };
}

function multipart(type: string, raw: Buffer) {
  const boundary = /boundary=("?)([^";]+)\1/.exec(type)?.[2];
  if (!type.startsWith("multipart/form-data") || !boundary) throw new Error("not a multipart body");
  const parts = new Map<string, { data: Buffer; filename?: string; type?: string }>();
  const delimiter = Buffer.from(`--${boundary}`);
  let at = raw.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (raw.subarray(start, start + 2).toString() === "--") break;
    const next = raw.indexOf(delimiter, start);
    if (next < 0) break;
    const part = raw.subarray(start + 2, next - 2); // after CRLF, before the CRLF ahead of the delimiter
    const split = part.indexOf("\r\n\r\n");
    const head = part.subarray(0, split).toString("utf8");
    const name = /name="([^"]*)"/.exec(head)?.[1];
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    const partType = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1];
    if (name !== undefined)
      parts.set(name, {
        data: part.subarray(split + 4),
        ...(filename === undefined ? {} : { filename }),
        ...(partType === undefined ? {} : { type: partType }),
      });
    at = next;
  }
  return parts;
}

/** The bearer token of a request, or null. */
export function bearer(headers: IncomingHttpHeaders): string | null {
  const m = /^Bearer (\S+)$/.exec(String(headers.authorization ?? ""));
  return m ? m[1]! : null;
}

/** Whether bytes start like a JPEG, PNG or WebP image. */
export function looksLikeImage(bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes);
  return (
    b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) ||
    (b[0] === 0xff && b[1] === 0xd8) ||
    (b.subarray(0, 4).toString("ascii") === "RIFF" && b.subarray(8, 12).toString("ascii") === "WEBP")
  );
}
