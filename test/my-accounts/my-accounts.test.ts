// My accounts over HTTP on each database: a member's answers are theirs alone (the practice manager sees only
// "completed on DATE", "not completed" or "not shared"), another practice gets 404, bad input writes nothing.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds, type TestDatabase } from "../support/databases";
import { testContext } from "../support/context";
import { Client, seedPractice, testServer } from "../support/http";
import {
  myAccountsResponse,
  myAccountsSummaryResponse,
  myAccountsPlatformListResponse,
} from "../../src/contracts";
import { ITEMS, SEED_PLATFORMS } from "../../src/core/my-accounts";
import {
  approveVersion,
  createDraft,
  publishVersion,
  recordStaffRepDecision,
  startConsultation,
} from "../../src/app/policy";
import type { AppContext } from "../../src/app/context";

const allDone = Object.fromEntries(ITEMS.map((i) => [i.id, "done"]));

for (const kind of databaseKinds) {
  describe(`My accounts (${kind.name})`, () => {
    let database: TestDatabase;
    let ctx: AppContext & { clock: { advance(ms: number): void } };
    let app: FastifyInstance;
    let seed: Awaited<ReturnType<typeof seedPractice>>;
    let other: Awaited<ReturnType<typeof seedPractice>>;
    let base: string;
    const as: Record<"admin" | "staff" | "poster" | "outsider", Client> = {} as never;

    /** Answers every platform: the ones given, and "I don't use it" for the rest. */
    async function answerAll(c: Client, overrides: Record<string, unknown> = {}) {
      let last;
      for (const p of SEED_PLATFORMS)
        last = await c.request(
          "PUT",
          `${base}/my-accounts/answers/${p.key}`,
          overrides[p.key] ?? { uses: false },
        );
      return last!;
    }

    /** The member's "waiting for you" entry for their own check, or undefined. */
    async function waitingCheck(c: Client): Promise<{ title: string; path: string } | undefined> {
      const r = await c.get(`${base}/waiting`);
      assert.equal(r.status, 200, r.text);
      return r.body.items.find((i: { kind: string }) => i.kind === "my-accounts.check");
    }

    async function checkRows(): Promise<number> {
      const r = await ctx.db
        .selectFrom("my_account_checks")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    }

    before(async () => {
      database = await kind.open();
      ctx = testContext(database);
      app = await testServer(ctx);
      seed = await seedPractice(ctx, "alder");
      other = await seedPractice(ctx, "alder-other");
      let n = 0;
      const client = async (email: string) => {
        const c = new Client(app, `10.21.0.${++n}`);
        const r = await c.signIn(email);
        assert.equal(r.status, 200, r.text);
        return c;
      };
      as.admin = await client(seed.people.admin.email);
      as.staff = await client(seed.people.staff.email);
      as.poster = await client(seed.people.poster.email);
      as.outsider = await client(other.people.admin.email);
      base = `/api/practices/${seed.practice.id}`;
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it("gives every member the seven platforms, each item with how to do it there", async () => {
      const r = await as.staff.get(`${base}/my-accounts`);
      assert.equal(r.status, 200, r.text);
      const view = myAccountsResponse.strict().parse(r.body);
      assert.deepEqual(
        view.platforms.map((p) => p.name),
        ["Facebook", "X (Twitter)", "Instagram", "TikTok", "LinkedIn", "Reddit", "Strava"],
      );
      assert.equal(view.complete, false);
      assert.equal(view.shareCompletion, false);
      assert.equal(view.policyPublished, false);
      const strava = view.platforms.find((p) => p.key === "strava")!;
      const location = strava.items.find((i) => i.id === "location-sharing")!;
      assert.ok(location.guidance.applies && /Map Visibility/.test(location.guidance.steps.join(" ")));
      const linkedinLocation = view.platforms
        .find((p) => p.key === "linkedin")!
        .items.find((i) => i.id === "location-sharing")!;
      assert.equal(linkedinLocation.guidance.applies, false);
      assert.equal(await checkRows(), 0, "reading writes nothing");
    });

    it("saves answers a platform at a time, and the check completes when every platform is answered", async () => {
      const waiting = await waitingCheck(as.staff);
      assert.equal(waiting?.title, "Check your own social media accounts");
      assert.equal(waiting?.path, "my-accounts");
      const first = await as.staff.request("PUT", `${base}/my-accounts/answers/facebook`, {
        uses: true,
        items: { ...allDone, "breaks-only": "not-yet" },
      });
      assert.equal(first.status, 200, first.text);
      const fb = first.body.platforms.find((p: { key: string }) => p.key === "facebook");
      assert.equal(fb.state, "in-progress");
      assert.equal(fb.items.find((i: { id: string }) => i.id === "breaks-only").answer, "not-yet");
      await answerAll(as.staff, {
        facebook: { uses: true, items: { ...allDone, "breaks-only": "not-yet" } },
      });
      const notYet = await as.staff.get(`${base}/my-accounts`);
      assert.equal(notYet.body.complete, false);
      assert.equal(
        (await waitingCheck(as.staff))?.title,
        "Finish the check of your own social media accounts",
      );
      const done = await answerAll(as.staff, { facebook: { uses: true, items: allDone } });
      assert.equal(done.status, 200, done.text);
      assert.equal(done.body.complete, true);
      assert.equal(done.body.completedAt, ctx.now().toISOString());
      assert.equal(await waitingCheck(as.staff), undefined, "a completed check no longer waits");
      assert.ok(await waitingCheck(as.poster), "another member's list still has their own");
    });

    it("the practice manager sees 'not shared' until the member agrees, then only whether and when", async () => {
      const before = await as.admin.get(`${base}/my-accounts/summary`);
      assert.equal(before.status, 200, before.text);
      const summary = myAccountsSummaryResponse.strict().parse(before.body);
      const staffRow = summary.members.find((m) => m.userId === seed.people.staff.id)!;
      assert.deepEqual(staffRow, {
        userId: seed.people.staff.id,
        name: staffRow.name,
        status: "not-shared",
        completedAt: null,
      });
      assert.equal(summary.counts.members, 5);
      assert.equal(summary.counts.shared, 0);
      const rate = async () => {
        const o = await as.admin.get(`${base}/oversight`);
        assert.equal(o.status, 200, o.text);
        return o.body.myAccounts;
      };
      assert.deepEqual(await rate(), { members: 5, shared: 0, completed: 0, percent: null });

      const shared = await as.staff.request("PUT", `${base}/my-accounts/sharing`, { share: true });
      assert.equal(shared.status, 200, shared.text);
      assert.equal(shared.body.shareCompletion, true);
      const after = await as.admin.get(`${base}/my-accounts/summary`);
      const row = after.body.members.find((m: { userId: string }) => m.userId === seed.people.staff.id);
      assert.equal(row.status, "completed");
      assert.ok(row.completedAt);
      assert.deepEqual(
        Object.keys(row).sort(),
        ["completedAt", "name", "status", "userId"],
        "no answers, ever",
      );
      assert.doesNotMatch(after.text, /facebook|privacy-settings|not-yet|"done"/i);

      // A member who shares but has not finished shows as not completed.
      await as.poster.request("PUT", `${base}/my-accounts/answers/x`, {
        uses: true,
        items: { "privacy-settings": "not-yet" },
      });
      await as.poster.request("PUT", `${base}/my-accounts/sharing`, { share: true });
      const poster = (await as.admin.get(`${base}/my-accounts/summary`)).body.members.find(
        (m: { userId: string }) => m.userId === seed.people.poster.id,
      );
      assert.deepEqual([poster.status, poster.completedAt], ["not-completed", null]);
      // The dashboard counts only members who share: the staff member's completion and the poster's not yet.
      assert.deepEqual(await rate(), { members: 5, shared: 2, completed: 1, percent: 50 });

      // Stopping sharing hides it again.
      await as.poster.request("PUT", `${base}/my-accounts/sharing`, { share: false });
      const hidden = (await as.admin.get(`${base}/my-accounts/summary`)).body.members.find(
        (m: { userId: string }) => m.userId === seed.people.poster.id,
      );
      assert.equal(hidden.status, "not-shared");
      assert.deepEqual(await rate(), { members: 5, shared: 1, completed: 1, percent: 100 });
    });

    it("nobody reads another member's answers: the admin's own check is their own, and no route takes a member", async () => {
      const mine = await as.admin.get(`${base}/my-accounts`);
      assert.equal(mine.status, 200);
      assert.ok(
        mine.body.platforms.every((p: { uses: boolean | null }) => p.uses === null),
        "the admin sees only their own, empty check",
      );
      for (const path of [
        `${base}/my-accounts/${seed.people.staff.id}`,
        `${base}/my-accounts/members/${seed.people.staff.id}`,
        `${base}/my-accounts?userId=${seed.people.staff.id}`,
      ]) {
        const r = await as.admin.get(path);
        assert.ok(
          r.status === 404 ||
            (r.status === 200 && r.body.platforms.every((p: { uses: unknown }) => p.uses === null)),
          path,
        );
      }
      const routes = app.safepostRoutes.filter((r) => r.url.includes("/my-accounts"));
      assert.ok(routes.length >= 5);
      assert.ok(
        routes.every((r) => !/:userId|:memberId/.test(r.url)),
        "no route names a member",
      );
      const audit = await ctx.db
        .selectFrom("audit_log")
        .select(["action", "details"])
        .where("action", "like", "my-accounts.%")
        .execute();
      assert.deepEqual([...new Set(audit.map((a) => a.action))].sort(), [
        "my-accounts.shared",
        "my-accounts.sharing-stopped",
      ]);
      assert.doesNotMatch(JSON.stringify(audit), /facebook|not-yet|done/i, "audit holds no answers");
    });

    it("audits a completion only when the member shares it", async () => {
      const approver = new Client(app, "10.21.1.1");
      await approver.signIn(seed.people.approver.email);
      await approver.request("PUT", `${base}/my-accounts/sharing`, { share: true });
      await answerAll(approver);
      const rows = await ctx.db
        .selectFrom("audit_log")
        .select(["action", "actor_id"])
        .where("action", "=", "my-accounts.completed")
        .execute();
      assert.deepEqual(
        rows.map((r) => r.actor_id),
        [seed.people.approver.id],
      );
    });

    it("another practice's admin gets 404, staff get 403 for the summary, bad input writes nothing", async () => {
      for (const [method, path, body] of [
        ["GET", `${base}/my-accounts`, undefined],
        ["GET", `${base}/my-accounts/summary`, undefined],
        ["PUT", `${base}/my-accounts/answers/facebook`, { uses: false }],
        ["PUT", `${base}/my-accounts/sharing`, { share: true }],
        ["POST", `${base}/my-accounts/platforms`, { name: "Mastodon" }],
      ] as const) {
        const r = await as.outsider.request(method, path, body);
        assert.equal(r.status, 404, `${method} ${path}`);
      }
      const forbidden = await as.staff.get(`${base}/my-accounts/summary`);
      assert.equal(forbidden.status, 403);
      assert.match(forbidden.body.error.message, /practice manager/);
      assert.equal(
        (await as.staff.request("POST", `${base}/my-accounts/platforms`, { name: "Threads" })).status,
        403,
      );

      const rows = await checkRows();
      const bad = await as.outsider.request(
        "PUT",
        `/api/practices/${other.practice.id}/my-accounts/answers/facebook`,
        {
          uses: true,
          items: { "privacy-settings": "maybe" },
        },
      );
      assert.equal(bad.status, 400);
      assert.match(bad.body.error.message, /done, not yet or not applicable/);
      const missing = await as.outsider.request(
        "PUT",
        `/api/practices/${other.practice.id}/my-accounts/answers/facebook`,
        {},
      );
      assert.equal(missing.status, 400);
      assert.match(missing.body.error.message, /whether you have an account/);
      const unknown = await as.outsider.request(
        "PUT",
        `/api/practices/${other.practice.id}/my-accounts/answers/myspace`,
        {
          uses: false,
        },
      );
      assert.equal(unknown.status, 404);
      assert.match(unknown.body.error.message, /not on your practice's check/);
      assert.equal(await checkRows(), rows, "nothing written");
    });

    it("the practice manager adds a platform with generic guidance; a complete check needs it answered", async () => {
      const added = await as.admin.request("POST", `${base}/my-accounts/platforms`, { name: "Mastodon" });
      assert.equal(added.status, 201, added.text);
      myAccountsPlatformListResponse.strict().parse(added.body);
      assert.equal(added.body.platforms.at(-1).key, "mastodon");
      const dup = await as.admin.request("POST", `${base}/my-accounts/platforms`, { name: "facebook" });
      assert.equal(dup.status, 409);
      assert.match(dup.body.error.message, /Facebook is already on the check/);
      const empty = await as.admin.request("POST", `${base}/my-accounts/platforms`, { name: "  " });
      assert.equal(empty.status, 400);

      const view = await as.staff.get(`${base}/my-accounts`);
      const mastodon = view.body.platforms.at(-1);
      assert.equal(mastodon.name, "Mastodon");
      assert.equal(mastodon.addedByPractice, true);
      assert.equal(view.body.complete, false, "the new platform is not answered yet");
      assert.equal(
        (await waitingCheck(as.staff))?.title,
        "Finish the check of your own social media accounts",
        "a platform added to the check puts it back in the member's list",
      );
      const summary = await as.admin.get(`${base}/my-accounts/summary`);
      assert.equal(
        summary.body.members.find((m: { userId: string }) => m.userId === seed.people.staff.id).status,
        "not-completed",
      );
      const answered = await as.staff.request("PUT", `${base}/my-accounts/answers/mastodon`, { uses: false });
      assert.equal(answered.body.complete, true);
      assert.equal(await waitingCheck(as.staff), undefined);

      const seedGone = await as.admin.request("DELETE", `${base}/my-accounts/platforms/facebook`);
      assert.equal(seedGone.status, 409);
      const removed = await as.admin.request("DELETE", `${base}/my-accounts/platforms/mastodon`);
      assert.equal(removed.status, 200, removed.text);
      assert.ok(removed.body.platforms.every((p: { key: string }) => p.key !== "mastodon"));
      assert.equal((await as.admin.request("DELETE", `${base}/my-accounts/platforms/mastodon`)).status, 404);
      const still = await as.staff.get(`${base}/my-accounts`);
      assert.equal(still.body.complete, true);
      assert.ok(still.body.completedAt);
    });

    it("links each item to the practice's published policy clause, by its number there", async () => {
      const p = seed.practice.id;
      const admin = { userId: seed.people.admin.id };
      const d = await createDraft(ctx, p, admin, {
        from: "template",
        changeKind: "major",
        changelog: "First",
      });
      await startConsultation(ctx, p, d.id, admin);
      await recordStaffRepDecision(
        ctx,
        p,
        d.id,
        { userId: seed.people["staff-rep"].id },
        { decision: "agree" },
      );
      await approveVersion(ctx, p, d.id, { userId: seed.people.approver.id });
      await publishVersion(ctx, p, d.id, admin, { changelog: "First" });
      const view = await as.staff.get(`${base}/my-accounts`);
      assert.equal(view.body.policyPublished, true);
      const privacy = view.body.items.find((i: { id: string }) => i.id === "privacy-settings");
      assert.equal(privacy.clause.key, "set-privacy-high");
      assert.match(privacy.clause.number, /^\d+\.\d+$/);
    });
  });
}
