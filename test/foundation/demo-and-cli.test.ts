import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openFromTemplate } from "../support/template";
import { testContext } from "../support/context";
import { ensureDemo, DEMO_USERS } from "../../src/app/demo/ensure-demo";
import { signIn } from "../../src/app/auth/sign-in";
import { ROLES } from "../../src/core/roles";
import pkg from "../../package.json" with { type: "json" };
import { CLI } from "../support/node-args";

const cli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [...CLI, ...args], {
    env: { ...process.env, DATABASE_URL: "", ...env },
    encoding: "utf8",
  });

describe("the demo practice", () => {
  it("is created once, with one person per role, and prints how to sign in", async () => {
    const database = await openFromTemplate();
    try {
      const ctx = testContext(database);
      const lines: string[] = [];
      await ensureDemo(ctx, "demo-password-1", (l) => lines.push(l));
      await ensureDemo(ctx, "demo-password-1", (l) => lines.push(l));
      const practices = await database.db.selectFrom("practices").select("slug").execute();
      assert.deepEqual(
        practices.map((p) => p.slug),
        ["riverside"],
      );
      const roles = new Set(DEMO_USERS.flatMap((u) => u.roles));
      for (const r of ROLES) assert.ok(roles.has(r), `a demo user holds ${r}`);
      assert.ok(lines.some((l) => l.includes("manager@riverside.example")));
      assert.ok(lines.some((l) => l.includes("demo-password-1")));
      const signed = await signIn(ctx, {
        email: "manager@riverside.example",
        password: "demo-password-1",
        address: "127.0.0.1",
      });
      // The demo practice asks nobody for a second factor: the password alone gives a session.
      assert.equal(signed.kind, "session");
    } finally {
      await database.close();
    }
  });
});

describe("the CLI", () => {
  it("prints its version and help", () => {
    const v = cli(["--version"]);
    assert.equal(v.status, 0);
    assert.equal(v.stdout.trim(), pkg.version);
    const h = cli(["--help"]);
    assert.equal(h.status, 0);
    for (const c of ["serve", "migrate", "user", "audit"]) assert.match(h.stdout, new RegExp(`\\b${c}\\b`));
  });

  it("creates a user headlessly, and refuses bad input with a plain sentence", () => {
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
          "Jo Bloggs",
          "--practice",
          "oak",
          "--practice-name",
          "Oak Surgery",
          "--password",
          "a long enough password",
        ],
        env,
      );
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(ok.stdout, /Created jo@oak\.example in Oak Surgery/);
      const dup = cli(
        [
          "user",
          "create",
          "--email",
          "jo@oak.example",
          "--name",
          "Jo",
          "--practice",
          "oak",
          "--password",
          "a long enough password",
        ],
        env,
      );
      assert.equal(dup.status, 1);
      assert.match(dup.stderr, /already has an account/);
      const role = cli(
        [
          "user",
          "create",
          "--email",
          "x@oak.example",
          "--name",
          "X",
          "--practice",
          "oak",
          "--roles",
          "boss",
          "--password",
          "a long enough password",
        ],
        env,
      );
      assert.equal(role.status, 2);
      assert.match(role.stderr, /unknown role boss/i);
      const missing = cli(["user", "create", "--name", "X"], env);
      assert.notEqual(missing.status, 0);
      assert.match(missing.stderr, /--email/);
      assert.doesNotMatch(missing.stderr + dup.stderr, /\n\s+at /, "no stack traces");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
