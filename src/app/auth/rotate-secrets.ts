// `safepost secrets rotate` (issue 9, part 7): every secret sealed under the installation key (channel tokens and
// app passwords, the practices' platform app secrets, NHSmail client secrets, two-step sign-in secrets, pending
// connection verifiers) is opened with the old key and sealed again under a new one, in one transaction: a
// secret that cannot be opened stops the rotation and nothing changes. Recovery codes are keyed hashes that
// cannot be recomputed without the codes, so the old key's hash sub-key is kept sealed under the new key.
import { randomUUID } from "node:crypto";
import { AppError } from "../../core/errors";
import type { Db } from "../../store/database";
import { appendAudit } from "../audit/audit-log";
import { appSecretPurpose } from "../channels/app-credentials";
import { credentialsPurpose } from "../channels/connect-credentials";
import { macSubKey, retiredKeyPurpose, secretBox, type SecretBox } from "./secret-box";

/** How many secrets were sealed again, by what they are (never the secrets themselves). */
export type RotationCounts = Record<
  | "channelCredentials"
  | "channelAppSecrets"
  | "nhsmailSecrets"
  | "twoStepSecrets"
  | "connectRequests"
  | "retiredHashKeys",
  number
>;

/** Opens with the old key and seals with the new one; a secret the old key does not open stops everything. */
function resealer(from: SecretBox, to: SecretBox) {
  return (sealed: string, purpose: string, what: string): string => {
    let plain: string;
    try {
      plain = from.open(sealed, purpose);
    } catch {
      throw new AppError(
        "conflict",
        `A stored secret (${what}) cannot be read with the current key, so nothing was changed and the current key still works. Check that SAFEPOST_SECRET_KEY or the key file is the one this database was used with.`,
      );
    }
    return to.seal(plain, purpose);
  };
}

/**
 * Seals every stored secret again under `newKey`, in one transaction, and records the rotation in the
 * installation's audit chain (counts only). Throws a plain AppError, having changed nothing, if any secret does
 * not open with `oldKey`.
 */
export async function resealSecrets(
  db: Db,
  oldKey: Buffer,
  newKey: Buffer,
  now: Date,
): Promise<RotationCounts> {
  if (oldKey.equals(newKey))
    throw new AppError("invalid-input", "The new key is the same as the current one.");
  const from = secretBox(oldKey);
  const to = secretBox(newKey);
  const reseal = resealer(from, to);
  return db.transaction().execute(async (trx) => {
    const counts: RotationCounts = {
      channelCredentials: 0,
      channelAppSecrets: 0,
      nhsmailSecrets: 0,
      twoStepSecrets: 0,
      connectRequests: 0,
      retiredHashKeys: 0,
    };
    const channels = await trx
      .selectFrom("channels")
      .select(["id", "credentials_enc"])
      .where("credentials_enc", "is not", null)
      .forUpdate()
      .execute();
    for (const c of channels) {
      const sealed = reseal(c.credentials_enc!, credentialsPurpose(c.id), "a channel's sign-in");
      await trx.updateTable("channels").set({ credentials_enc: sealed }).where("id", "=", c.id).execute();
      counts.channelCredentials++;
    }
    const apps = await trx
      .selectFrom("channel_app_credentials")
      .select(["practice_id", "platform", "instance", "client_secret_enc"])
      .where("client_secret_enc", "is not", null)
      .forUpdate()
      .execute();
    for (const a of apps) {
      const sealed = reseal(
        a.client_secret_enc!,
        appSecretPurpose(a.practice_id, a.platform, a.instance),
        "a platform app's secret",
      );
      await trx
        .updateTable("channel_app_credentials")
        .set({ client_secret_enc: sealed })
        .where("practice_id", "=", a.practice_id)
        .where("platform", "=", a.platform)
        .where("instance", "=", a.instance)
        .execute();
      counts.channelAppSecrets++;
    }
    const oidc = await trx
      .selectFrom("practice_oidc")
      .select(["practice_id", "client_secret_enc"])
      .where("client_secret_enc", "is not", null)
      .forUpdate()
      .execute();
    for (const o of oidc) {
      const sealed = reseal(
        o.client_secret_enc!,
        `oidc-client-secret:${o.practice_id}`,
        "an NHSmail client secret",
      );
      await trx
        .updateTable("practice_oidc")
        .set({ client_secret_enc: sealed })
        .where("practice_id", "=", o.practice_id)
        .execute();
      counts.nhsmailSecrets++;
    }
    const totp = await trx.selectFrom("totp_factors").select(["user_id", "secret_enc"]).forUpdate().execute();
    for (const t of totp) {
      const sealed = reseal(t.secret_enc, `totp:${t.user_id}`, "a two-step sign-in secret");
      await trx
        .updateTable("totp_factors")
        .set({ secret_enc: sealed })
        .where("user_id", "=", t.user_id)
        .execute();
      counts.twoStepSecrets++;
    }
    const pending = await trx
      .selectFrom("channel_connect_requests")
      .select(["id", "verifier_enc"])
      .forUpdate()
      .execute();
    for (const r of pending) {
      const sealed = reseal(r.verifier_enc, `channel-connect:${r.id}`, "a pending channel connection");
      await trx
        .updateTable("channel_connect_requests")
        .set({ verifier_enc: sealed })
        .where("id", "=", r.id)
        .execute();
      counts.connectRequests++;
    }
    const retired = await trx.selectFrom("retired_mac_keys").select(["id", "key_enc"]).forUpdate().execute();
    for (const r of retired) {
      const sealed = reseal(r.key_enc, retiredKeyPurpose(r.id), "an earlier key's hash key");
      await trx.updateTable("retired_mac_keys").set({ key_enc: sealed }).where("id", "=", r.id).execute();
      counts.retiredHashKeys++;
    }
    // Recovery codes issued until now are hashed under the old key's sub-key: keep it, sealed under the new key.
    const id = randomUUID();
    await trx
      .insertInto("retired_mac_keys")
      .values({
        id,
        key_enc: to.seal(macSubKey(oldKey).toString("base64"), retiredKeyPurpose(id)),
        retired_at: now,
      })
      .execute();
    await appendAudit(
      trx,
      {
        practiceId: null,
        actorId: null,
        action: "secrets.rotated",
        targetType: "installation",
        targetId: null,
        details: { ...counts },
      },
      now,
    );
    return counts;
  });
}
