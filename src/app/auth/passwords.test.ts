import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import argon2 from "argon2";
import {
  PRODUCTION_HASH_COST,
  TEST_HASH_COST,
  hashPassword,
  passwordHashCost,
  verifyPassword,
} from "./passwords";
import { TSX } from "../../../test/support/node-args";

/** Hashes a password in a fresh process with the given NODE_ENV (undefined: not set at all). */
function hashInProcess(nodeEnv: string | undefined): string {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NODE_ENV;
  if (nodeEnv !== undefined) env.NODE_ENV = nodeEnv;
  const script =
    'import { hashPassword } from "./src/app/auth/passwords.ts";' +
    'process.stdout.write(await hashPassword("a long enough password"));';
  const r = spawnSync(process.execPath, [...TSX, "--input-type=module", "-e", script], {
    env,
    encoding: "utf8",
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** [memory, passes, lanes] from a PHC string (`$argon2id$v=19$m=…,t=…,p=…$…`, in either order). */
function params(hash: string): number[] {
  const fields = new Map(
    (hash.split("$")[3] ?? "").split(",").map((kv) => kv.split("=") as [string, string]),
  );
  return ["m", "t", "p"].map((k) => Number(fields.get(k)));
}

describe("password hashing cost", () => {
  it("is the production cost (argon2id, 64 MiB, 3 passes, 4 lanes) unless NODE_ENV is exactly test", () => {
    assert.deepEqual(PRODUCTION_HASH_COST, { memoryCost: 65536, timeCost: 3, parallelism: 4 });
    assert.equal(passwordHashCost({}), PRODUCTION_HASH_COST);
    assert.equal(passwordHashCost({ NODE_ENV: "production" }), PRODUCTION_HASH_COST);
    assert.equal(passwordHashCost({ NODE_ENV: "development" }), PRODUCTION_HASH_COST);
    assert.equal(passwordHashCost({ NODE_ENV: "Test" }), PRODUCTION_HASH_COST);
    assert.equal(passwordHashCost({ NODE_ENV: "test" }), TEST_HASH_COST);
  });

  it("a process started without NODE_ENV=test stores hashes made at the production cost", () => {
    for (const nodeEnv of [undefined, "production"]) {
      const hash = hashInProcess(nodeEnv);
      assert.match(hash, /^\$argon2id\$/);
      assert.deepEqual(params(hash), [65536, 3, 4], `NODE_ENV=${nodeEnv ?? "(unset)"}`);
    }
  });

  it("the test runner hashes cheaply, and hashes of either cost verify", async () => {
    const cheap = await hashPassword("a long enough password");
    assert.deepEqual(params(cheap), [1024, 1, 1]);
    assert.equal(await verifyPassword(cheap, "a long enough password"), true);
    assert.equal(await verifyPassword(cheap, "another password"), false);
    const strong = await argon2.hash("a long enough password", {
      type: argon2.argon2id,
      ...PRODUCTION_HASH_COST,
    });
    assert.equal(await verifyPassword(strong, "a long enough password"), true);
  });
});
