// `safepost secrets rotate`: every stored secret is sealed again under a new key in one transaction, the key file
// replaced only after it commits; a secret the current key cannot open stops it with nothing changed.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { databaseKinds, type TestDatabase } from "../support/databases";
import { testContext } from "../support/context";
import { PASSWORD } from "../support/http";
import { createUser } from "../../src/app/users/create-user";
import { createPractice } from "../../src/app/practices/create-practice";
import { sealCredentials, openCredentials } from "../../src/app/channels/connect-credentials";
import { issueRecoveryCodes, useRecoveryCode } from "../../src/app/auth/recovery-codes";
import { secretBox } from "../../src/app/auth/secret-box";
import { rotateSecretKey } from "../../src/app/auth/rotate-key";
import { AppError } from "../../src/core/errors";
import type { AppContext } from "../../src/app/context";

const TOKEN = { accessToken: "tok-live-7f3a9c", refreshToken: "ref-live-19bd2e" };

describe("what secrets rotate covers", () => {
  it("every sealed column in the schema is sealed again by the rotation", () => {
    const schema = readFileSync("src/store/schema.ts", "utf8");
    const rotation = readFileSync("src/app/auth/rotate-secrets.ts", "utf8");
    const sealed = [...schema.matchAll(/^\s+(\w+_enc):/gm)].map((m) => m[1]!);
    assert.ok(sealed.length >= 6, sealed.join(", "));
    for (const column of sealed) assert.ok(rotation.includes(`${column}:`), `${column} is not rotated`);
  });
});

for (const kind of databaseKinds) {
  describe(`rotating the secret key (${kind.name})`, () => {
    let database: TestDatabase;
    let dir: string;
    before(async () => {
      database = await kind.open();
      dir = mkdtempSync(join(tmpdir(), "safepost-rotate-"));
    });
    after(async () => {
      await database?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    /** A context on the key in `keyFile`, as the runtime reads it. */
    const withKey = (key: Buffer): AppContext => ({ ...testContext(database), secretKey: key });
    const readKey = (file: string) => Buffer.from(readFileSync(file, "utf8").trim(), "base64");

    /** A practice with a connected channel, a two-step secret and recovery codes, all under `key`. */
    async function seed(key: Buffer) {
      const ctx = withKey(key);
      const tag = randomBytes(3).toString("hex");
      const practice = await createPractice(ctx.db, { slug: `rot-${tag}`, name: "Rotate Surgery" });
      const now = ctx.now();
      const channel = await ctx.db
        .insertInto("channels")
        .values({
          practice_id: practice.id,
          kind: "mastodon",
          name: "Mastodon",
          status: "connected",
          footer: null,
          max_chars: null,
          security: null,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await ctx.db
        .updateTable("channels")
        .set({ credentials_enc: sealCredentials(ctx, channel.id, TOKEN) })
        .where("id", "=", channel.id)
        .execute();
      const user = await createUser(ctx.db, {
        email: `r-${tag}@rotate.example`,
        name: "Rae",
        password: PASSWORD,
      });
      await ctx.db
        .insertInto("totp_factors")
        .values({ user_id: user.id, secret_enc: secretBox(key).seal("JBSWY3DPEHPK3PXP", `totp:${user.id}`) })
        .execute();
      const codes = await issueRecoveryCodes(ctx, ctx.db, user.id);
      return { channelId: channel.id, userId: user.id, codes };
    }
    const channelRow = (id: string) =>
      database.db
        .selectFrom("channels")
        .select(["id", "credentials_enc"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();

    it("seals channel tokens and two-step secrets under the new key, replaces the key file, and recovery codes still work", async () => {
      const keyFile = join(dir, "secret.key");
      const oldKey = randomBytes(32);
      writeFileSync(keyFile, `${oldKey.toString("base64")}\n`, { mode: 0o600 });
      const s = await seed(oldKey);

      const done = await rotateSecretKey({ db: database.db, now: new Date(), keyFile });
      assert.equal(done.source, "key-file");
      assert.ok(done.counts.channelCredentials >= 1 && done.counts.twoStepSecrets >= 1);
      const newKey = readKey(keyFile);
      assert.equal(newKey.length, 32);
      assert.ok(!newKey.equals(oldKey), "the key file holds a new key");
      assert.equal(statSync(keyFile).mode & 0o777, 0o600, "owner-only");
      assert.ok(!existsSync(`${keyFile}.new`) && !existsSync(`${keyFile}.old`), "nothing left beside it");

      const row = await channelRow(s.channelId);
      assert.deepEqual(openCredentials(withKey(newKey), row), TOKEN, "the token opens with the new key");
      assert.throws(() => openCredentials(withKey(oldKey), row), AppError, "and no longer with the old one");
      const totp = await database.db
        .selectFrom("totp_factors")
        .select("secret_enc")
        .where("user_id", "=", s.userId)
        .executeTakeFirstOrThrow();
      assert.equal(secretBox(newKey).open(totp.secret_enc, `totp:${s.userId}`), "JBSWY3DPEHPK3PXP");
      assert.ok(await useRecoveryCode(withKey(newKey), database.db, s.userId, s.codes[0]!));
      assert.ok(!(await useRecoveryCode(withKey(newKey), database.db, s.userId, s.codes[0]!)), "once only");

      // A second rotation keeps the first key's codes working, and keeps the old key when asked.
      const again = await rotateSecretKey({ db: database.db, now: new Date(), keyFile, keepOldKey: true });
      assert.equal(again.source === "key-file" && again.oldKeyKept, `${keyFile}.old`);
      assert.ok(readKey(`${keyFile}.old`).equals(newKey));
      const third = readKey(keyFile);
      assert.ok(await useRecoveryCode(withKey(third), database.db, s.userId, s.codes[1]!));
      assert.deepEqual(openCredentials(withKey(third), await channelRow(s.channelId)), TOKEN);
      rmSync(`${keyFile}.old`);
      const audit = await database.db
        .selectFrom("audit_log")
        .select(["details"])
        .where("action", "=", "secrets.rotated")
        .execute();
      assert.ok(audit.length >= 2);
      assert.ok(!JSON.stringify(audit).includes(TOKEN.accessToken), "the audit holds counts only");
    });

    it("a secret the current key cannot open stops the rotation midway: nothing changes and the old key still works", async () => {
      // The key file and database as the first test left them: every secret under the key in the file.
      const keyFile = join(dir, "secret.key");
      const current = readKey(keyFile);
      const s = await seed(current);
      // Channels are sealed again before two-step secrets: one unreadable two-step secret fails the rotation
      // after the channel rows were already rewritten inside its transaction.
      const stranger = await createUser(database.db, {
        email: `s-${randomBytes(3).toString("hex")}@rotate.example`,
        name: "Sam",
        password: PASSWORD,
      });
      await database.db
        .insertInto("totp_factors")
        .values({
          user_id: stranger.id,
          secret_enc: secretBox(randomBytes(32)).seal("GEZDGNBVGY3TQOJQ", `totp:${stranger.id}`),
        })
        .execute();
      const before = await channelRow(s.channelId);
      const retired = await database.db.selectFrom("retired_mac_keys").select("id").execute();
      await assert.rejects(
        rotateSecretKey({ db: database.db, now: new Date(), keyFile }),
        (err: unknown) =>
          err instanceof AppError &&
          /two-step sign-in secret\) cannot be read with the current key/.test(err.message),
      );
      assert.ok(readKey(keyFile).equals(current), "the key file is untouched");
      assert.ok(
        !existsSync(`${keyFile}.new`) && !existsSync(`${keyFile}.old`),
        "no new or backup file is left",
      );
      const row = await channelRow(s.channelId);
      assert.equal(row.credentials_enc, before.credentials_enc, "the channel row is as it was");
      assert.deepEqual(openCredentials(withKey(current), row), TOKEN, "the old key still opens it");
      assert.ok(await useRecoveryCode(withKey(current), database.db, s.userId, s.codes[0]!));
      assert.equal(
        (await database.db.selectFrom("retired_mac_keys").select("id").execute()).length,
        retired.length,
      );
      await database.db.deleteFrom("totp_factors").where("user_id", "=", stranger.id).execute();
    });

    it("with SAFEPOST_SECRET_KEY, rotates the database and gives the new key to set", async () => {
      const fresh = await kind.open();
      try {
        const envKey = randomBytes(32);
        const ctxOld: AppContext = { ...testContext(fresh), secretKey: envKey };
        const tag = randomBytes(3).toString("hex");
        const practice = await createPractice(fresh.db, { slug: `env-${tag}`, name: "Env Surgery" });
        const now = new Date();
        const ch = await fresh.db
          .insertInto("channels")
          .values({
            practice_id: practice.id,
            kind: "x",
            name: "X",
            status: "connected",
            footer: null,
            max_chars: null,
            security: null,
            created_at: now,
            updated_at: now,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await fresh.db
          .updateTable("channels")
          .set({ credentials_enc: sealCredentials(ctxOld, ch.id, TOKEN) })
          .where("id", "=", ch.id)
          .execute();
        const keyFile = join(dir, "unused.key");
        const done = await rotateSecretKey({
          db: fresh.db,
          now,
          envKey: envKey.toString("base64"),
          keyFile,
        });
        assert.equal(done.source, "environment");
        assert.ok(!existsSync(keyFile), "no key file is written");
        const newKey = Buffer.from(done.source === "environment" ? done.newKey : "", "base64");
        const row = await fresh.db
          .selectFrom("channels")
          .select(["id", "credentials_enc"])
          .where("id", "=", ch.id)
          .executeTakeFirstOrThrow();
        assert.deepEqual(openCredentials({ ...ctxOld, secretKey: newKey }, row), TOKEN);
        await assert.rejects(
          rotateSecretKey({ db: fresh.db, now, envKey: envKey.toString("base64"), keyFile, newKey: "short" }),
          /32 random bytes/,
        );
      } finally {
        await fresh.close();
      }
    });
  });
}
