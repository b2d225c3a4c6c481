import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import { Client, seedPractice, testServer } from "../support/http";
import { runDueJobs } from "../../src/jobs/runner";
import type { OpenDatabase } from "../../src/store/database";

const tokenIn = (text: string | undefined): string => {
  const t = /token=([\w-]+)/.exec(text ?? "")?.[1];
  assert.ok(t, "the email carries a link");
  return t;
};

for (const kind of databaseKinds) {
  describe(`no one but the addressee sees a link that acts as a key (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let ctx: ReturnType<typeof testContext>;
    let oak: Awaited<ReturnType<typeof seedPractice>>;
    let ash: Awaited<ReturnType<typeof seedPractice>>;
    let oakAdmin: Client;
    before(async () => {
      database = await kind.open();
      ctx = testContext(database); // no SMTP: the demo or a trial
      app = await testServer(ctx);
      oak = await seedPractice(ctx, "oak");
      ash = await seedPractice(ctx, "ash");
      oakAdmin = new Client(app, "10.20.0.1");
      assert.equal((await oakAdmin.signIn(oak.people.admin.email)).status, 200);
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it("an admin of one practice cannot take over another practice's admin through the outbox", async () => {
      // Oak's admin invites Ash's admin into Oak as staff, and they accept (signed in as themselves).
      const invited = await oakAdmin.post(`/api/practices/${oak.practice.id}/invites`, {
        email: ash.people.admin.email,
        name: "Ash's admin",
        roles: ["staff"],
      });
      assert.equal(invited.status, 201);
      assert.equal(invited.body.link, undefined, "no link is handed over for an account that exists");
      const ashAdmin = new Client(app, "10.20.0.2");
      assert.equal((await ashAdmin.signIn(ash.people.admin.email)).status, 200);
      const token = tokenIn(ctx.sent.findLast((m) => m.to === ash.people.admin.email)?.text);
      assert.equal((await ashAdmin.post("/api/invites/accept", { token })).status, 200);

      // Someone asks for a password reset for Ash's admin; the mail job runs.
      const anon = new Client(app, "10.20.0.3");
      await anon.post("/api/auth/forgot-password", { email: ash.people.admin.email });
      await runDueJobs(ctx);

      // Oak's admin reads Oak's outbox: it says a reset link was sent, and shows no link.
      const outbox = await oakAdmin.get(`/api/practices/${oak.practice.id}/outbox`);
      assert.equal(outbox.status, 200);
      const toAsh = outbox.body.mails.filter((m: { to: string }) => m.to === ash.people.admin.email);
      assert.ok(
        toAsh.some((m: { body: string }) => /password reset link was sent/.test(m.body)),
        "the outbox says that a reset mail went out",
      );
      assert.doesNotMatch(outbox.text, /token=/, "no token-bearing link in the outbox");
      const stored = await ctx.db.selectFrom("outbox").select(["body", "summary"]).execute();
      assert.ok(!stored.some((m) => m.body.includes("token=")), "no link is stored without a mail server");

      // The mail itself was addressed to Ash's admin alone (a mail server would have delivered it).
      assert.ok(ctx.sent.some((m) => m.to === ash.people.admin.email && /reset/i.test(m.subject)));
    });

    it("without a mail server, the inviting admin gets the link for a new person only", async () => {
      const res = await oakAdmin.post(`/api/practices/${oak.practice.id}/invites`, {
        email: "brand.new@oak.example",
        name: "Brand New",
        roles: ["staff"],
      });
      assert.equal(res.status, 201);
      assert.match(res.body.link, /^http:\/\/localhost:3000\/invite\?token=[\w-]+$/);
      const guest = new Client(app, "10.20.0.4");
      const token = tokenIn(res.body.link);
      const look = await guest.post("/api/invites/lookup", { token });
      assert.equal(look.status, 200);
      const accepted = await guest.post("/api/invites/accept", {
        token,
        name: "Brand New",
        password: "a good long password",
      });
      assert.equal(accepted.status, 200);
    });

    it("the outbox still shows ordinary mail in full", async () => {
      await ctx.mailer.send({
        practiceId: oak.practice.id,
        to: oak.people.staff.email,
        subject: "Please read the policy",
        text: "The policy changed; please read it.",
      });
      await runDueJobs(ctx);
      const outbox = await oakAdmin.get(`/api/practices/${oak.practice.id}/outbox`);
      const mail = outbox.body.mails.find((m: { subject: string }) => m.subject === "Please read the policy");
      assert.equal(mail.body, "The policy changed; please read it.");
      assert.equal(mail.status, "kept");
    });
  });
}
