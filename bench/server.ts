// The server benchmark (part of npm run bench): a fresh install started as a real process, then autocannon
// on loopback, bounded in time. Returns the markdown section for docs/benchmarks.md.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import pg from "pg";

const ROOT = join(import.meta.dirname, "..");
const PASSWORD = "bench password 1";
const SECONDS = 5;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });

const rssMb = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
};

interface Started {
  child: ChildProcess;
  base: string;
  coldMs: number;
  stop(): Promise<void>;
}

/** Starts `safepost serve` on a fresh install and waits for /healthz. */
async function start(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const t = performance.now();
  const child = spawn(process.execPath, ["--liftoff-only", join(ROOT, "dist", "cli.js"), "serve"], {
    env: {
      ...process.env,
      PORT: String(port),
      SAFEPOST_DEMO_PASSWORD: PASSWORD,
      SAFEPOST_LOG_LEVEL: "error",
      // Raw throughput from one address: the per-address request limits would answer 429 (docs/security.md).
      SAFEPOST_RATE_LIMIT: "off",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`safepost serve exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - t > 60_000) throw new Error("no /healthz within 60 s");
    await new Promise((r) => setTimeout(r, 25));
  }
  const coldMs = performance.now() - t;
  return {
    child,
    base,
    coldMs,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

async function signIn(base: string): Promise<{ headers: Record<string, string>; practiceId: string }> {
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "comms@riverside.example", password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in answered ${res.status}`);
  const body = (await res.json()) as { csrfToken: string; practices: { id: string }[] };
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  return {
    headers: { cookie, "x-csrf-token": body.csrfToken, "content-type": "application/json" },
    practiceId: body.practices[0]!.id,
  };
}

const run = (opts: autocannon.Options): Promise<autocannon.Result> =>
  new Promise((resolve, reject) => {
    autocannon({ duration: SECONDS, ...opts }, (err, result) => (err ? reject(err) : resolve(result)));
  });

const TEXT =
  "Lovely to see everyone at the flu clinic on Saturday, thank you to our nurses for their hard work!";

interface Figures {
  coldMs: number;
  pageRps: number;
  pageP99: number;
  checkP99: number;
  checkRps: number;
  checkPracticeP99: number;
  checkPracticeRps: number;
  non2xx: number;
  rssMb: number;
}

async function measure(env: Record<string, string>): Promise<Figures> {
  const s = await start(env);
  try {
    const page = await run({ url: `${s.base}/p/riverside/social-media-policy`, connections: 20 });
    const { headers, practiceId } = await signIn(s.base);
    const check = (body: object) =>
      run({
        url: `${s.base}/api/check`,
        method: "POST",
        headers,
        body: JSON.stringify(body),
        connections: 10,
        overallRate: 200,
      });
    const plain = await check({ text: TEXT, context: "practice" });
    const withPractice = await check({ text: TEXT, context: "practice", practiceId });
    return {
      coldMs: s.coldMs,
      pageRps: page.requests.average,
      pageP99: page.latency.p99,
      checkP99: plain.latency.p99,
      checkRps: plain.requests.average,
      checkPracticeP99: withPractice.latency.p99,
      checkPracticeRps: withPractice.requests.average,
      non2xx: page.non2xx + plain.non2xx + withPractice.non2xx,
      rssMb: rssMb(s.child.pid!),
    };
  } finally {
    await s.stop();
  }
}

/** A fresh schema on the PostgreSQL server, so the benchmark's demo practice lands nowhere else. */
async function postgresEnv(url: string): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const schema = `bench_${Date.now()}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA "${schema}"`);
  await client.end();
  const u = new URL(url);
  u.searchParams.set("options", `-c search_path=${schema}`);
  return {
    env: { DATABASE_URL: u.toString() },
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    },
  };
}

const ms = (x: number) => `${x.toFixed(1)} ms`;
const mark = (ok: boolean) => (ok ? "met" : "**missed**");

/** Runs the server benchmark on PGlite (and PostgreSQL when DATABASE_URL is set); markdown lines. */
export async function serverBench(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "safepost-bench-"));
  const results: [string, Figures][] = [];
  try {
    results.push(["PGlite", await measure({ SAFEPOST_DATA_DIR: dir, DATABASE_URL: "" })]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.DATABASE_URL) {
    const pgEnv = await postgresEnv(process.env.DATABASE_URL);
    try {
      results.push(["PostgreSQL", await measure(pgEnv.env)]);
    } finally {
      await pgEnv.drop();
    }
  }
  const lines = [
    "## Server (HTTP on loopback)",
    "",
    `\`safepost serve\` (dist/cli.js) on a fresh install with the demo practice, measured with autocannon ${SECONDS} s per measure: the public policy page with 20 connections as fast as it answers; \`POST /api/check\` (a 100-character practice post, signed in) at a fixed 200 requests/s with 10 connections, without and with \`practiceId\`. Cold start is process spawn to the first 200 from \`/healthz\` (migrations and demo creation included). Resident memory is read from /proc after the runs. The load generator runs on the same 2 cores as the server and as the other people's work on this machine, so these figures are lower and noisier than on a quiet machine.`,
    "",
    "| measure | database | result | target | |",
    "|---|---|---|---|---|",
  ];
  for (const [db, f] of results)
    lines.push(
      `| cold start of a fresh install to /healthz | ${db} | ${(f.coldMs / 1000).toFixed(2)} s | < 5 s | ${mark(f.coldMs < 5000)} |`,
      `| public policy page | ${db} | ${Math.round(f.pageRps).toLocaleString("en-GB")} req/s (p99 ${ms(f.pageP99)}) | ≥ 2,000 req/s | ${mark(f.pageRps >= 2000)} |`,
      `| POST /api/check p99 at 200 req/s | ${db} | ${ms(f.checkP99)} (${Math.round(f.checkRps)} req/s served) | < 20 ms | ${mark(f.checkP99 < 20)} |`,
      `| POST /api/check with practiceId p99 at 200 req/s | ${db} | ${ms(f.checkPracticeP99)} (${Math.round(f.checkPracticeRps)} req/s served) | < 20 ms | ${mark(f.checkPracticeP99 < 20)} |`,
      `| resident memory after the runs | ${db} | ${f.rssMb.toFixed(0)} MB | < 300 MB | ${mark(f.rssMb < 300)} |`,
      `| answers other than 2xx | ${db} | ${f.non2xx} | 0 | ${mark(f.non2xx === 0)} |`,
    );
  if (!process.env.DATABASE_URL) lines.push("", "PostgreSQL was not measured: DATABASE_URL was not set.");
  return [...lines, ""];
}

// `node --import tsx bench/server.ts` runs the server benchmark alone and prints its section.
if (process.argv[1] && import.meta.filename === process.argv[1])
  console.log((await serverBench()).join("\n"));
