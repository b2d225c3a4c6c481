import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import type { FastifyInstance } from "fastify";
import { databaseKinds } from "../support/databases";
import { testContext } from "../support/context";
import type { OpenDatabase } from "../../src/store/database";
import { buildServer } from "../../src/server/app";
import { createUser, addMembership } from "../../src/app/users/create-user";
import { createPractice } from "../../src/app/practices/create-practice";
import { createSession } from "../../src/app/auth/sessions";

interface Session {
  token: string;
  csrfToken: string;
}

for (const kind of databaseKinds) {
  describe(`POST /api/check (${kind.name})`, () => {
    let database: OpenDatabase;
    let app: FastifyInstance;
    let practiceA: string;
    let practiceB: string;
    let member: Session;

    const post = (body: unknown, s?: Session) =>
      app.inject({
        method: "POST",
        url: "/api/check",
        headers: s ? { cookie: `sp_session=${s.token}`, "x-csrf-token": s.csrfToken } : {},
        payload: body as Record<string, unknown>,
      });

    before(async () => {
      database = await kind.open();
      const ctx = testContext(database);
      app = await buildServer(ctx, { logLevel: "silent", checkResponses: true });
      practiceA = (
        await createPractice(ctx.db, {
          slug: "check-alder",
          name: "Alder Lane Surgery",
          settings: {
            phone: "01632 960 321",
            emailDomains: ["alder.example"],
            places: ["Kettlewell"],
            aliases: ["Alder Lane"],
          },
        })
      ).id;
      practiceB = (await createPractice(ctx.db, { slug: "check-birch", name: "Birch Surgery" })).id;
      const user = await createUser(ctx.db, {
        email: "nurse@alder.example",
        name: "Wenona Pryce",
        password: "a long enough passphrase 42",
      });
      await addMembership(ctx.db, practiceA, user.id, ["staff"]);
      member = await createSession(ctx, user.id);
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it("refuses someone who is not signed in", async () => {
      const res = await post({ text: "hello" });
      assert.equal(res.statusCode, 401);
    });

    it("checks a text for a signed-in user with the batch answer shape", async () => {
      const res = await post({ text: "Check 401 023 2137 please" }, member);
      assert.equal(res.statusCode, 200);
      const body = res.json<{
        verdict: string;
        findings: { rule: string; clause: string }[];
        entities: unknown[];
      }>();
      assert.equal(body.verdict, "do-not-post");
      assert.equal(body.findings[0]!.rule, "patient-identifier");
      assert.ok(Array.isArray(body.entities));
    });

    it("uses the practice's own phone number and staff names when practiceId is given", async () => {
      const personal = await post(
        { text: "Selling a cot, ring 01632 960 321", practiceId: practiceA },
        member,
      );
      assert.ok(
        personal
          .json<{ findings: { rule: string }[] }>()
          .findings.some((f) => f.rule === "work-contact-details"),
      );
      const comment = await post(
        { text: "Wenona was so kind to my mum", context: "comment", practiceId: practiceA },
        member,
      );
      const c = comment.json<{ findings: { rule: string }[]; triage: { category: string } }>();
      assert.ok(c.findings.some((f) => f.rule === "staff-identification"));
      assert.equal(c.triage.category, "review");
    });

    it("answers 404 for another practice, exactly as for one that does not exist", async () => {
      const other = await post({ text: "hello", practiceId: practiceB }, member);
      assert.equal(other.statusCode, 404);
      const missing = await post(
        { text: "hello", practiceId: "00000000-0000-4000-8000-000000000009" },
        member,
      );
      assert.equal(missing.statusCode, 404);
    });

    it("rejects bad input and over-long text in plain words", async () => {
      const bad = await post({ text: 42 }, member);
      assert.equal(bad.statusCode, 400);
      const ctxBad = await post({ text: "hi", context: "tweet" }, member);
      assert.equal(ctxBad.statusCode, 400);
      const long = await post({ text: "a".repeat(100_001) }, member);
      assert.equal(long.statusCode, 413);
      assert.match(long.json<{ error: { message: string } }>().error.message, /too long/);
    });

    it("checks a text at the limit even when every character is sent escaped, and refuses one over it in a sentence", async () => {
      const atLimit = await app.inject({
        method: "POST",
        url: "/api/check",
        headers: {
          cookie: `sp_session=${member.token}`,
          "x-csrf-token": member.csrfToken,
          "content-type": "application/json",
        },
        // 100,000 characters written as \u escapes: 600 KB of JSON, the largest body a checkable text needs.
        payload: `{"text":"${"\\u00e9".repeat(100_000)}"}`,
      });
      assert.equal(atLimit.statusCode, 200);
      const over = await post({ text: "é".repeat(100_001) }, member);
      assert.equal(over.statusCode, 413);
      const message = over.json<{ error: { message: string } }>().error.message;
      assert.match(
        message,
        /too long to check: it has 100,001 characters and the checker reads up to 100,000/,
      );
      assert.doesNotMatch(message, /é/, "the error never repeats the text");
    });
  });
}
