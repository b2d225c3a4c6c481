// A connected channel's credentials at rest: one JSON object (access token, refresh token, app password…)
// sealed with the installation's secret key and bound to the channel's id, so one channel's tokens cannot be
// pasted into another's row. Opened only to call the platform; never logged, audited or answered.
import type { ChannelConnection, ChannelKind } from "../../channels/adapter";
import { AppError } from "../../core/errors";
import { secretsOf } from "../auth/secret-box";
import type { AppContext } from "../context";
import type { ChannelRow } from "./channels";

export type ChannelCredentials = Record<string, string>;

// "channel:<id>", as the publishing job (src/app/posts/publish.ts) opens them.
export const credentialsPurpose = (channelId: string) => `channel:${channelId}`;

export function sealCredentials(ctx: AppContext, channelId: string, credentials: ChannelCredentials): string {
  return secretsOf(ctx).seal(JSON.stringify(credentials), credentialsPurpose(channelId));
}

/** The channel's credentials, decrypted; null when it holds none. */
export function openCredentials(
  ctx: AppContext,
  row: Pick<ChannelRow, "id" | "credentials_enc">,
): ChannelCredentials | null {
  if (!row.credentials_enc) return null;
  let plain: string;
  try {
    plain = secretsOf(ctx).open(row.credentials_enc, credentialsPurpose(row.id));
  } catch {
    throw new AppError(
      "internal",
      "This channel's stored access could not be read (the installation's secret key may have changed). Reconnect the channel.",
    );
  }
  const parsed = JSON.parse(plain) as unknown;
  const out: ChannelCredentials = {};
  if (parsed && typeof parsed === "object")
    for (const [k, v] of Object.entries(parsed)) if (typeof v === "string") out[k] = v;
  return out;
}

/** What an adapter needs to call the platform as this channel; null when the channel holds no credentials. */
export function connectionOf(
  ctx: AppContext,
  row: Pick<ChannelRow, "id" | "kind" | "api_base" | "account_id" | "credentials_enc">,
): ChannelConnection | null {
  const credentials = openCredentials(ctx, row);
  if (!credentials || !row.api_base || !row.account_id) return null;
  return {
    kind: row.kind as ChannelKind,
    apiBase: row.api_base,
    accountId: row.account_id,
    credentials,
  };
}
