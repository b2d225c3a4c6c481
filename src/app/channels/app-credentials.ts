// A practice's own API apps on each platform: the client id and secret safepost signs in to the platform
// with when an admin connects a channel. Entered in Settings (the secret sealed at rest), else taken from the
// installation's environment (SAFEPOST_<PLATFORM>_CLIENT_ID/_SECRET); on Mastodon safepost registers its own
// app on each instance the first time a practice connects there.
import type { ChannelKind } from "../../channels/adapter";
import { AppError } from "../../core/errors";
import { appendAudit } from "../audit/audit-log";
import { secretsOf } from "../auth/secret-box";
import type { AppContext } from "../context";
import type { Db } from "../../store/database";

/** Platforms whose app credentials a practice enters (Instagram signs in through the Facebook app). */
export const APP_PLATFORMS = ["facebook", "x", "linkedin"] as const;
export type AppPlatform = (typeof APP_PLATFORMS)[number] | "mastodon";

export const APP_PLATFORM_NAMES: Record<AppPlatform, string> = {
  facebook: "Meta (Facebook and Instagram)",
  x: "X",
  linkedin: "LinkedIn",
  mastodon: "Mastodon",
};

/** Whose app a kind of channel signs in with; null for channels connected without one (Bluesky, website, manual). */
export function appPlatformOf(kind: ChannelKind): AppPlatform | null {
  switch (kind) {
    case "facebook":
    case "instagram":
      return "facebook";
    case "x":
    case "linkedin":
    case "mastodon":
      return kind;
    default:
      return null;
  }
}

export interface AppCredentials {
  clientId: string;
  clientSecret?: string;
  /** Where they came from: the practice's Settings, the environment, or safepost's own registration. */
  source: "settings" | "environment" | "registered";
}

export interface AppCredentialsView {
  platform: AppPlatform;
  name: string;
  /** Set in Settings, in the environment, or neither. */
  source: "settings" | "environment" | null;
  clientId: string | null;
  hasClientSecret: boolean;
}

/** The secret is bound to the practice, platform and instance it was entered for. */
export const appSecretPurpose = (practiceId: string, platform: string, instance: string) =>
  `channel-app:${practiceId}:${platform}:${instance}`;

/** The credentials to connect with, decrypted: the practice's own first, then the environment's. */
export async function appCredentialsFor(
  ctx: AppContext,
  practiceId: string,
  platform: AppPlatform,
  instance = "",
): Promise<AppCredentials | null> {
  const row = await ctx.db
    .selectFrom("channel_app_credentials")
    .selectAll()
    .where("practice_id", "=", practiceId)
    .where("platform", "=", platform)
    .where("instance", "=", instance)
    .executeTakeFirst();
  if (row) {
    const secret = row.client_secret_enc
      ? secretsOf(ctx).open(row.client_secret_enc, appSecretPurpose(practiceId, platform, instance))
      : undefined;
    return {
      clientId: row.client_id,
      ...(secret ? { clientSecret: secret } : {}),
      source: row.registered ? "registered" : "settings",
    };
  }
  const env = instance ? undefined : ctx.platformApps?.[platform];
  return env ? { ...env, source: "environment" } : null;
}

/** The plain refusal when a platform has no app credentials yet, saying where to enter them. */
export function missingAppCredentials(platform: AppPlatform): AppError {
  const name = APP_PLATFORM_NAMES[platform];
  const env = `SAFEPOST_${platform.toUpperCase()}_CLIENT_ID`;
  return new AppError(
    "conflict",
    `safepost has no ${name} app details for this practice yet. An admin enters the app's client id and secret under Channels, "App details", or the person who runs safepost sets ${env} and its secret. docs/channels-connect.md explains how to get them.`,
  );
}

/** Every platform a practice enters app details for, and what is set (never the secret). */
export async function listAppCredentials(ctx: AppContext, practiceId: string): Promise<AppCredentialsView[]> {
  const rows = await ctx.db
    .selectFrom("channel_app_credentials")
    .select(["platform", "client_id", "client_secret_enc"])
    .where("practice_id", "=", practiceId)
    .where("instance", "=", "")
    .where("registered", "=", false)
    .execute();
  return APP_PLATFORMS.map((platform) => {
    const row = rows.find((r) => r.platform === platform);
    const env = ctx.platformApps?.[platform];
    return {
      platform,
      name: APP_PLATFORM_NAMES[platform],
      source: row ? "settings" : env ? "environment" : null,
      clientId: row?.client_id ?? env?.clientId ?? null,
      hasClientSecret: row ? Boolean(row.client_secret_enc) : Boolean(env?.clientSecret),
    };
  });
}

const isAppPlatform = (p: string): p is (typeof APP_PLATFORMS)[number] =>
  (APP_PLATFORMS as readonly string[]).includes(p);

function checkPlatform(platform: string): asserts platform is (typeof APP_PLATFORMS)[number] {
  if (!isAppPlatform(platform))
    throw new AppError(
      "not-found",
      "safepost keeps app details for Meta (Facebook and Instagram), X and LinkedIn only.",
    );
}

/** An admin enters (or replaces) the practice's app on a platform; an omitted secret keeps the stored one. */
export async function saveAppCredentials(
  ctx: AppContext,
  input: { practiceId: string; actorId: string; platform: string; clientId: string; clientSecret?: string },
): Promise<AppCredentialsView> {
  checkPlatform(input.platform);
  const platform = input.platform;
  const clientId = input.clientId.trim();
  if (!clientId || clientId.length > 300 || /\s/.test(clientId))
    throw new AppError("invalid-input", "Enter the app's client id as the platform shows it.", {
      clientId: "Enter the client id, without spaces.",
    });
  const secretText = input.clientSecret?.trim() ?? "";
  if (secretText.length > 500)
    throw new AppError("invalid-input", "That client secret is too long.", {
      clientSecret: "Paste the secret as the platform shows it (500 characters at most).",
    });
  const sealed = secretText
    ? secretsOf(ctx).seal(secretText, appSecretPurpose(input.practiceId, platform, ""))
    : undefined;
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("channel_app_credentials")
      .values({
        practice_id: input.practiceId,
        platform,
        instance: "",
        client_id: clientId,
        client_secret_enc: sealed ?? null,
        registered: false,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(["practice_id", "platform", "instance"]).doUpdateSet({
          client_id: clientId,
          registered: false,
          updated_at: now,
          ...(sealed ? { client_secret_enc: sealed } : {}),
        }),
      )
      .execute();
    await appendAudit(
      trx,
      {
        practiceId: input.practiceId,
        actorId: input.actorId,
        action: "channel.app-saved",
        targetType: "practice",
        targetId: input.practiceId,
        details: { platform, fields: ["clientId", ...(sealed ? ["clientSecret"] : [])] },
      },
      now,
    );
  });
  const views = await listAppCredentials(ctx, input.practiceId);
  return views.find((v) => v.platform === platform)!;
}

/** An admin removes the practice's app on a platform (the environment's, if any, applies again). */
export async function removeAppCredentials(
  ctx: AppContext,
  input: { practiceId: string; actorId: string; platform: string },
): Promise<void> {
  checkPlatform(input.platform);
  const platform = input.platform;
  await ctx.db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom("channel_app_credentials")
      .where("practice_id", "=", input.practiceId)
      .where("platform", "=", platform)
      .where("instance", "=", "")
      .executeTakeFirst();
    if (!gone.numDeletedRows) return;
    await appendAudit(
      trx,
      {
        practiceId: input.practiceId,
        actorId: input.actorId,
        action: "channel.app-removed",
        targetType: "practice",
        targetId: input.practiceId,
        details: { platform },
      },
      ctx.now(),
    );
  });
}

/** Keeps the app safepost registered on a Mastodon instance for this practice (the secret sealed). */
export async function storeRegisteredApp(
  db: Db,
  ctx: AppContext,
  input: { practiceId: string; instance: string; clientId: string; clientSecret: string },
): Promise<void> {
  const sealed = secretsOf(ctx).seal(
    input.clientSecret,
    appSecretPurpose(input.practiceId, "mastodon", input.instance),
  );
  await db
    .insertInto("channel_app_credentials")
    .values({
      practice_id: input.practiceId,
      platform: "mastodon",
      instance: input.instance,
      client_id: input.clientId,
      client_secret_enc: sealed,
      registered: true,
      updated_at: ctx.now(),
    })
    .onConflict((oc) =>
      oc.columns(["practice_id", "platform", "instance"]).doUpdateSet({
        client_id: input.clientId,
        client_secret_enc: sealed,
        registered: true,
        updated_at: ctx.now(),
      }),
    )
    .execute();
}
