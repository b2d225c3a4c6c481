import type { Command } from "commander";
import { z } from "zod";
import { listPostsForOperator, type PostView } from "../../app/posts";
import { POST_STATES } from "../../core/posts/states";
import { longDateTime } from "../../exports/format";
import { parseOptions, practiceOption, withPractice } from "../practice-command";

const listOptions = z.object({
  practice: practiceOption,
  state: z.enum(POST_STATES, { message: `a state is one of ${POST_STATES.join(", ")}` }).optional(),
  json: z.boolean().default(false),
});

/** What the list prints for one post: a line of facts, then its words (shortened), then each channel's delivery. */
function describe(p: PostView): string[] {
  const when = p.publishedAt
    ? `published ${longDateTime(p.publishedAt)}`
    : p.scheduledAt
      ? `for ${longDateTime(p.scheduledAt)}`
      : "not scheduled";
  const words = p.text.replace(/\s+/g, " ").trim();
  const lines = [
    `${p.state.padEnd(17)} ${when}; by ${p.author.name}${p.approver ? `, approved by ${p.approver.name}` : ""}`,
    `  ${words.length > 72 ? `${words.slice(0, 71)}…` : words}`,
  ];
  const delivered = new Set(p.deliveries.map((d) => d.channel.id));
  for (const d of p.deliveries)
    lines.push(`  ${d.channel.name} (${d.channel.kind}): ${d.state}${d.url ? ` ${d.url}` : ""}`);
  for (const c of p.channels.filter((c) => !delivered.has(c.id)))
    lines.push(`  ${c.name} (${c.kind}): not sent yet`);
  return lines;
}

/** `safepost posts list`: the practice's own posts with their states, from the command line. */
export function registerPosts(program: Command): void {
  const posts = program
    .command("posts")
    .description("the practice's own posts: drafts, approvals, schedule, archive");

  posts
    .command("list")
    .description("print the practice's posts, newest first, with their states and each channel's delivery")
    .requiredOption("--practice <slug>", "the practice's short name, e.g. riverside")
    .option("--state <state>", `only posts in this state (${POST_STATES.join(", ")})`)
    .option("--json", "print JSON")
    .action(async (raw: { practice: string; state?: string; json?: boolean }) => {
      const o = parseOptions(listOptions, { ...raw, json: !!raw.json });
      await withPractice(o.practice, async (ctx, practice) => {
        const list = await listPostsForOperator(ctx, practice.id, { state: o.state });
        if (o.json) {
          const bare = list.map(({ allowed: _allowed, ...post }) => post);
          process.stdout.write(JSON.stringify({ practice: practice.name, posts: bare }, null, 2) + "\n");
          return;
        }
        if (list.length === 0) {
          process.stdout.write(
            `${practice.name} has no posts${o.state ? ` in the state "${o.state}"` : ""} yet.\n`,
          );
          return;
        }
        const out = [`${practice.name}: ${list.length} post${list.length === 1 ? "" : "s"}`, ""];
        for (const p of list) out.push(...describe(p), "");
        process.stdout.write(out.join("\n"));
      });
    });
}
