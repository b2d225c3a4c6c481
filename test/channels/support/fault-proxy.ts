// A small HTTP proxy between an adapter and a platform's server (a contract server or a real PDS) that can make
// one chosen request fail the way networks and platforms fail: an answer of its own (429, 503), or the request
// passed on and accepted upstream, and then the connection dropped or left hanging. Listens on 127.0.0.1:0.
import { createServer, request, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type Fault =
  /** Answers at once with this status and body; the platform never sees the request. */
  | { kind: "respond"; status: number; headers?: Record<string, string>; body?: unknown }
  /** Passes the request on, waits for the platform's answer, then drops the connection instead of relaying it. */
  | { kind: "drop-after-accept" }
  /** Passes the request on and never answers: the caller's timeout fires after the platform accepted. */
  | { kind: "hang-after-accept" };

export interface SeenRequest {
  method: string;
  path: string;
}

type Matcher = (req: SeenRequest) => boolean;

export class FaultProxy {
  readonly seen: SeenRequest[] = [];
  /** How many requests were passed on and accepted by the platform before a fault dropped or held the answer. */
  acceptedThenFailed = 0;
  private readonly faults: { match: Matcher; fault: Fault }[] = [];
  private readonly acceptWaiters: (() => void)[] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly upstream: URL,
  ) {}

  static async start(upstream: string): Promise<FaultProxy> {
    // Idle connections stay open longer than any client keeps one: with Node's 5 s default a loaded machine could
    // see the proxy close a kept-alive socket just as the adapter sent on it ("could not reach"), a fault no test asked for.
    const server = createServer({ keepAliveTimeout: 120_000 });
    const proxy = new FaultProxy(server, new URL(upstream));
    server.on("request", (req, res) => void proxy.handle(req, res));
    server.on("connection", (s) => {
      proxy.sockets.add(s);
      s.on("close", () => proxy.sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return proxy;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** The next request that matches meets the fault, once. */
  once(match: Matcher, fault: Fault): void {
    this.faults.push({ match, fault });
  }

  /** Whether every fault set up has been met (a test whose fault never fired proves nothing). */
  get allFaultsMet(): boolean {
    return this.faults.length === 0;
  }

  /**
   * Resolves when the next request is accepted by the platform and its answer then dropped or held: the moment a
   * caller's own timeout would fire in real life, without a timer that a loaded machine can outrun.
   */
  nextAcceptedThenFailed(): Promise<void> {
    return new Promise((resolve) => this.acceptWaiters.push(resolve));
  }

  clear(): void {
    this.faults.length = 0;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: import("node:http").ServerResponse): Promise<void> {
    const seen = { method: req.method ?? "GET", path: new URL(req.url ?? "/", "http://x").pathname };
    this.seen.push(seen);
    const i = this.faults.findIndex((f) => f.match(seen));
    const fault = i >= 0 ? this.faults.splice(i, 1)[0]!.fault : null;
    const body = await readAll(req);
    if (fault?.kind === "respond") {
      const payload = fault.body === undefined ? "" : JSON.stringify(fault.body);
      res.writeHead(fault.status, { "content-type": "application/json", ...fault.headers });
      res.end(payload);
      return;
    }
    let upstream;
    try {
      upstream = await this.forward(req, body);
    } catch {
      res.writeHead(502).end();
      return;
    }
    if (fault) {
      // The platform has accepted and answered: the caller never hears it.
      this.acceptedThenFailed++;
      for (const wake of this.acceptWaiters.splice(0)) wake();
      if (fault.kind === "drop-after-accept") req.socket.destroy();
      return; // hang: the socket stays open until the caller gives up or the proxy closes
    }
    res.writeHead(upstream.status, upstream.headers);
    res.end(upstream.body);
  }

  private forward(
    req: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: Record<string, string | string[]>; body: Buffer }> {
    const headers = { ...req.headers, host: this.upstream.host };
    return new Promise((resolve, reject) => {
      const out = request(
        {
          hostname: this.upstream.hostname,
          port: this.upstream.port,
          method: req.method,
          path: req.url,
          headers,
        },
        (r) => {
          void readAll(r).then((whole) => {
            const h: Record<string, string | string[]> = {};
            for (const [k, v] of Object.entries(r.headers)) {
              if (v !== undefined && k !== "transfer-encoding" && k !== "connection") h[k] = v;
            }
            resolve({ status: r.statusCode ?? 502, headers: h, body: whole });
          }, reject);
        },
      );
      out.on("error", reject);
      out.end(body);
    });
  }
}

async function readAll(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c);
  return Buffer.concat(chunks);
}
