// The demo practice's posts: a newcomer meets one published on the website, one scheduled and one waiting
// for approval, and `safepost posts list` prints them with their states.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDataFolder } from "../support/template";
import { ensureDemo } from "../../src/app/demo/ensure-demo";
import { testContext } from "../support/context";
import { cliOnData } from "../support/node-args";

describe("the demo practice's posts and `safepost posts list`", () => {
  let dir: string;
  const cli = cliOnData(() => join(dir, "db"));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "safepost-demo-posts-"));
    const opened = await openDataFolder(join(dir, "db"));
    try {
      await ensureDemo(testContext(opened), "demo-password-1", () => {});
    } finally {
      await opened.close();
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("starts with a published post on the website, a scheduled one and one awaiting approval", () => {
    const r = cli(["posts", "list", "--practice", "riverside", "--json"]);
    assert.equal(r.status, 0, r.stderr);
    const { posts } = JSON.parse(r.stdout) as {
      posts: {
        state: string;
        scheduledAt: string | null;
        publishedAt: string | null;
        approver: { name: string } | null;
        author: { name: string };
        deliveries: { state: string; url: string | null; channel: { kind: string } }[];
        allowed?: unknown;
      }[];
    };
    assert.deepEqual(posts.map((p) => p.state).sort(), ["awaiting-approval", "published", "scheduled"]);
    const published = posts.find((p) => p.state === "published")!;
    assert.equal(published.deliveries.length, 1);
    assert.equal(published.deliveries[0]!.channel.kind, "website");
    assert.equal(published.deliveries[0]!.state, "published");
    assert.match(published.deliveries[0]!.url ?? "", /\/p\/riverside\/news#/);
    const scheduled = posts.find((p) => p.state === "scheduled")!;
    assert.ok(scheduled.approver, "the scheduled post was approved by a second person");
    assert.notEqual(scheduled.approver.name, scheduled.author.name);
    // Three days after the demo was made, at 10:00 UK time.
    const ahead = new Date(scheduled.scheduledAt!).getTime() - new Date(published.publishedAt!).getTime();
    assert.ok(ahead > 2 * 86_400_000 && ahead < 4 * 86_400_000, "scheduled three days ahead");
    assert.ok(
      posts.every((p) => p.allowed === undefined),
      "no one at the command line is given actions",
    );
  });

  it("prints the posts for people, filters by state, and refuses bad options plainly", () => {
    const all = cli(["posts", "list", "--practice", "riverside"]);
    assert.equal(all.status, 0, all.stderr);
    assert.match(all.stdout, /^Riverside Surgery: 3 posts/);
    assert.match(all.stdout, /published .*UK time\); by Jess Wilde, approved by Dr Tom Okafor/);
    assert.match(all.stdout, /Practice website \(website\): published http/);
    assert.match(all.stdout, /awaiting-approval +not scheduled; by Jess Wilde\n/);
    const waiting = cli(["posts", "list", "--practice", "riverside", "--state", "awaiting-approval"]);
    assert.match(waiting.stdout, /^Riverside Surgery: 1 post\n/);
    const none = cli(["posts", "list", "--practice", "riverside", "--state", "failed"]);
    assert.equal(none.status, 0);
    assert.match(none.stdout, /has no posts in the state "failed" yet/);
    const badState = cli(["posts", "list", "--practice", "riverside", "--state", "lost"]);
    assert.equal(badState.status, 2);
    assert.match(badState.stderr, /--state: a state is one of draft/);
    const missing = cli(["posts", "list", "--practice", "nowhere"]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no practice with the short name "nowhere"/);
  });
});
