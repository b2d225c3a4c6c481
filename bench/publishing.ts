// The publishing benchmark (part of npm run bench): 1,000 approved posts due in the same second on PostgreSQL,
// published by one app instance and then by two on the same database, each with the job workers `safepost
// serve` runs (pg-boss, polling every 15 s for due posts). The platform is a stand-in that answers after 20 ms
// and counts calls, so the figure is safepost's own: due-to-sent latency (p50, p99, last) and that every post
// was sent exactly once. Returns the markdown section for docs/benchmarks.md.
import { randomBytes } from "node:crypto";
import { approvePost, createPost, schedulePost, submitPost } from "../src/app/posts";
import { createPractice } from "../src/app/practices/create-practice";
import { addMembership, createUser } from "../src/app/users/create-user";
import type { ChannelAdapter } from "../src/channels/adapter";
import { registerAdapter } from "../src/channels/registry";
import { runJob } from "../src/jobs/runner";
import { openDatabase, type OpenDatabase } from "../src/store/database";
import { benchContext, dropBenchSchemas } from "./support";

const POSTS = 1000;
const PLATFORM_MS = 20;

interface Outcome {
  instances: number;
  p50: number;
  p99: number;
  last: number;
  calls: number;
  duplicates: number;
  unsent: number;
}

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;

async function run(url: string, instances: number): Promise<Outcome> {
  const schema = `bench_${randomBytes(5).toString("hex")}`;
  const calls = new Map<string, number>();
  const adapter: ChannelAdapter = {
    kind: "linkedin",
    capabilities: {
      publishText: true,
      maxImages: 4,
      requiresImage: false,
      link: true,
      idempotencyKey: false,
      findPublished: false,
      readComments: false,
      reply: false,
      hide: false,
      delete: false,
      deleteComment: false,
      block: false,
      report: false,
    },
    publish: async (_conn, post) => {
      calls.set(post.deliveryId, (calls.get(post.deliveryId) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, PLATFORM_MS));
      return { platformId: `b-${post.deliveryId}`, url: `https://platform.invalid/${post.deliveryId}` };
    },
  };
  const restore = registerAdapter(adapter);
  const opened: OpenDatabase[] = [];
  try {
    for (let i = 0; i < instances; i++)
      opened.push(await openDatabase({ url, schema, jobs: { supervise: i === 0, log: () => {} } }));
    const ctx = benchContext(opened[0]!);
    const practice = await createPractice(ctx.db, { slug: "bench", name: "Bench Surgery", twoFactor: "off" });
    const person = async (key: string, roles: ("poster" | "approver" | "staff")[]) => {
      const u = await createUser(ctx.db, {
        email: `${key}@bench.example`,
        name: key,
        password: "bench password 1",
      });
      await addMembership(ctx.db, practice.id, u.id, roles, new Date(Date.now() - 86_400_000));
      return { userId: u.id };
    };
    const poster = await person("poster", ["poster", "staff"]);
    const approver = await person("approver", ["approver", "staff"]);
    const now = new Date();
    const channel = await ctx.db
      .insertInto("channels")
      .values({
        practice_id: practice.id,
        kind: "linkedin",
        name: "LinkedIn page",
        status: "connected",
        footer: "",
        max_chars: null,
        security: null,
        api_base: "http://127.0.0.1:9",
        account_id: "org-1",
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const ids: string[] = [];
    const started = Date.now();
    for (let i = 0; i < POSTS; i++) {
      const p = await createPost(ctx, practice.id, poster, {
        text: `Our flu vaccination clinic runs on Saturday mornings; book through the NHS App. Notice ${i + 1}.`,
        link: null,
        channelIds: [channel.id],
        images: [],
        overrideReason: null,
      });
      await submitPost(ctx, practice.id, p.id, poster, null);
      await approvePost(ctx, practice.id, p.id, approver);
      ids.push(p.id);
    }
    // All due in the same second, far enough ahead for every schedule to be written first (scheduling costs
    // about what one of the three steps above did; twice that, at least 20 s).
    const lead = Math.max(20_000, ((Date.now() - started) / 3) * 2);
    const due = new Date(Math.ceil((Date.now() + lead) / 1000) * 1000);
    for (const id of ids) await schedulePost(ctx, practice.id, id, poster, due.toISOString());
    if (Date.now() >= due.getTime()) throw new Error("scheduling took longer than the lead time");
    for (const database of opened) {
      const each = benchContext(database);
      await database.jobs.work("posts.publish", (job) => runJob(each, "posts.publish", job));
    }
    const deadline = due.getTime() + 180_000;
    for (;;) {
      const left = await ctx.db
        .selectFrom("deliveries")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("channel_id", "=", channel.id)
        .where("state", "!=", "published")
        .executeTakeFirstOrThrow();
      if (Number(left.n) === 0 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const rows = await ctx.db
      .selectFrom("deliveries")
      .select(["state", "published_at"])
      .where("channel_id", "=", channel.id)
      .execute();
    const latencies = rows
      .filter((r) => r.published_at)
      .map((r) => (r.published_at as Date).getTime() - due.getTime())
      .sort((a, b) => a - b);
    return {
      instances,
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      last: latencies.at(-1) ?? NaN,
      calls: [...calls.values()].reduce((a, b) => a + b, 0),
      duplicates: [...calls.values()].filter((n) => n > 1).length,
      unsent: rows.filter((r) => r.state !== "published").length,
    };
  } finally {
    restore();
    for (const database of opened.reverse()) await database.close();
    await dropBenchSchemas(url, schema);
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Runs the publishing benchmark on PostgreSQL (DATABASE_URL); markdown lines. */
export async function publishingBench(): Promise<string[]> {
  const lines = ["## Publishing: due to sent", ""];
  const url = process.env.DATABASE_URL;
  if (!url)
    return [...lines, "Not measured: DATABASE_URL was not set (two instances need a PostgreSQL server).", ""];
  const results = [await run(url, 1), await run(url, 2)];
  lines.push(
    `${POSTS.toLocaleString("en-GB")} approved posts on one channel, all due in the same second, on PostgreSQL. Each instance runs the job workers \`safepost serve\` runs (pg-boss; due posts are polled every 15 s, so up to 15 s of the latency is the poll). The platform is a stand-in answering after ${PLATFORM_MS} ms that counts its calls. No peer is named: the posting tools a practice might use instead (Hootsuite, Buffer) are hosted services with no published figure to run here.`,
    "",
    "| instances | p50 due → sent | p99 | last post | platform calls | posts sent twice | not sent |",
    "|---|---|---|---|---|---|---|",
    ...results.map(
      (r) =>
        `| ${r.instances} | ${seconds(r.p50)} | ${seconds(r.p99)} | ${seconds(r.last)} | ${r.calls.toLocaleString("en-GB")} | ${r.duplicates} | ${r.unsent} |`,
    ),
    "",
  );
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log((await publishingBench()).join("\n"));
}
