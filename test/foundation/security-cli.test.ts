import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openFromTemplate } from "../support/template";
import { testContext } from "../support/context";
import { PASSWORD } from "../support/http";
import { createUser } from "../../src/app/users/create-user";
import { signIn } from "../../src/app/auth/sign-in";
import { createSession, findSession } from "../../src/app/auth/sessions";
import { setPasswordAsOperator } from "../../src/app/auth/operator-password";
import { demoPassword, ensureDemo } from "../../src/app/demo/ensure-demo";
import { AppError } from "../../src/core/errors";
import { CLI } from "../support/node-args";

const cli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [...CLI, ...args], {
    env: { ...process.env, DATABASE_URL: "", SAFEPOST_PASSWORD: "", ...env },
    encoding: "utf8",
  });

describe("the operator's way back in", () => {
  it("an admin locked out by the throttle gets in with a password set from the command line", async () => {
    const database = await openFromTemplate();
    try {
      const ctx = testContext(database);
      const admin = await createUser(ctx.db, {
        email: "lead@oak.example",
        name: "Lee Lead",
        password: PASSWORD,
      });
      const old = await createSession(ctx, admin.id);
      const attempt = () =>
        signIn(ctx, { email: "lead@oak.example", password: PASSWORD, address: "10.60.0.1" });
      for (let i = 0; i < 6; i++)
        await signIn(ctx, { email: "lead@oak.example", password: "wrong", address: "10.60.0.1" }).catch(
          () => {},
        );
      await assert.rejects(attempt, (e: AppError) => e.code === "too-many-requests");
      const done = await setPasswordAsOperator(ctx, "Lead@Oak.example");
      assert.equal(done.generated, true);
      assert.ok(done.password.length >= 16);
      const signed = await signIn(ctx, {
        email: "lead@oak.example",
        password: done.password,
        address: "10.60.0.1",
      });
      assert.equal(signed.kind, "session", "the throttle is lifted and the new password works");
      assert.equal(await findSession(ctx, old.token), null, "older sessions ended");
      await assert.rejects(
        () => setPasswordAsOperator(ctx, "nobody@oak.example"),
        (e: AppError) => e.code === "not-found",
      );
    } finally {
      await database.close();
    }
  });

  it("the demo password can be shown again while the demo practice exists", async () => {
    const database = await openFromTemplate();
    try {
      const ctx = testContext(database);
      assert.equal(await demoPassword(ctx), "no-demo");
      await ensureDemo(ctx, undefined, () => {});
      const found = await demoPassword(ctx);
      assert.ok(typeof found === "object");
      const signed = await signIn(ctx, {
        email: "manager@riverside.example",
        password: found.password,
        address: "127.0.0.1",
      });
      assert.equal(signed.kind, "session");
      await ctx.db.deleteFrom("practices").where("slug", "=", "riverside").execute();
      assert.equal(await demoPassword(ctx), "no-demo", "gone with the demo practice");
      assert.equal((await ctx.db.selectFrom("demo_credentials").selectAll().execute()).length, 0);
    } finally {
      await database.close();
    }
  });

  it("safepost user reset-password and safepost demo show-password, from the command line", () => {
    const dir = mkdtempSync(join(tmpdir(), "safepost-cli-"));
    try {
      const env = { SAFEPOST_DATA_DIR: dir };
      const ok = cli(
        [
          "user",
          "create",
          "--email",
          "jo@oak.example",
          "--name",
          "Jo",
          "--practice",
          "oak",
          "--practice-name",
          "Oak",
        ],
        { ...env, SAFEPOST_PASSWORD: "a long enough password" },
      );
      assert.equal(ok.status, 0, ok.stderr);
      const reset = cli(["user", "reset-password", "--email", "jo@oak.example"], env);
      assert.equal(reset.status, 0, reset.stderr);
      assert.match(reset.stdout, /Set a new password for jo@oak\.example/);
      assert.match(reset.stdout, /password: \S{16,}/);
      const unknown = cli(["user", "reset-password", "--email", "nobody@oak.example"], env);
      assert.equal(unknown.status, 1);
      assert.match(unknown.stderr, /no account with the email address nobody@oak\.example/);
      const demo = cli(["demo", "show-password"], env);
      assert.equal(demo.status, 1);
      assert.match(demo.stderr, /no demo practice/);
      assert.doesNotMatch(reset.stderr + unknown.stderr + demo.stderr, /\n\s+at /, "no stack traces");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
