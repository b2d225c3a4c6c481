import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { openDatabase } from "../../src/store/database";
import { testContext } from "../support/context";
import { dropTestSchema, withSchemaLock } from "../support/databases";
import { Client, seedPractice, testServer } from "../support/http";

const url = process.env.DATABASE_URL;

describe(
  "many app instances on one PostgreSQL server",
  { skip: url ? false : "DATABASE_URL is not set" },
  () => {
    it("migrate together safely and share sessions, rate limits and data", async () => {
      const schema = `t_${randomBytes(6).toString("hex")}`;
      // Two instances starting at the same moment both run the migrations.
      const [one, two] = await withSchemaLock(url!, "shared", () =>
        Promise.all([openDatabase({ url, schema }), openDatabase({ url, schema })]),
      );
      try {
        const ctxOne = testContext(one);
        const ctxTwo = testContext(two);
        const appOne = await testServer(ctxOne);
        const appTwo = await testServer(ctxTwo);
        const seed = await seedPractice(ctxOne, "pcn");
        const c = new Client(appOne, "10.4.0.1");
        assert.equal((await c.signIn("admin@pcn.example")).status, 200);
        // The same browser, load-balanced to the other instance, is still signed in.
        const onTwo = new Client(appTwo, "10.4.0.1");
        onTwo.cookie = c.cookie;
        onTwo.csrf = c.csrf;
        const members = await onTwo.get(`/api/practices/${seed.practice.id}/members`);
        assert.equal(members.status, 200);
        // Failures on one instance count on the other: five wrong guesses for one account from one address,
        // spread over both instances, and the next try from that address waits (src/app/auth/throttle.ts).
        for (let i = 0; i < 3; i++) await new Client(appOne, "10.4.0.2").signIn("staff@pcn.example", "wrong");
        for (let i = 0; i < 2; i++) await new Client(appTwo, "10.4.0.2").signIn("staff@pcn.example", "wrong");
        assert.equal((await new Client(appTwo, "10.4.0.2").signIn("staff@pcn.example")).status, 429);
        // Deactivation on one instance ends the session on the other at once.
        const leaver = new Client(appTwo, "10.4.0.5");
        await leaver.signIn("poster@pcn.example");
        assert.equal(
          (await c.post(`/api/practices/${seed.practice.id}/members/${seed.people.poster.id}/deactivate`))
            .status,
          200,
        );
        assert.equal((await leaver.get("/api/session")).status, 401);
        await appOne.close();
        await appTwo.close();
      } finally {
        await one.close();
        await two.close();
        await dropTestSchema(url!, schema);
      }
    });
  },
);
