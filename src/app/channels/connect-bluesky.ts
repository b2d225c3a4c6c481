// Connecting a Bluesky account: Bluesky has no OAuth app registration for a practice to make, so the admin
// creates an app password in Bluesky's settings and enters it here with the account's handle. safepost signs
// in once to check it and to learn the account's DID, then keeps the app password sealed to the channel, as
// the adapter signs in with it for each post. An app password can be revoked in Bluesky at any time.
import { blueskyAccount } from "../../channels/bluesky";
import { ChannelError } from "../../channels/adapter";
import { AppError } from "../../core/errors";
import type { AppContext } from "../context";
import {
  actingAdmin,
  channelToReconnect,
  ConnectRefused,
  serverOrigin,
  storeConnection,
  type ConnectedChannel,
} from "./connect";

/** Bluesky's own server, where most accounts live; a practice on another PDS names it. */
export const BLUESKY_SERVICE = "https://bsky.social";

/** A handle (riverside-surgery.bsky.social, or a domain the practice owns), with or without the "@". */
const HANDLE = /^(?=.{3,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/i;
/** Bluesky's app passwords: four groups of four letters and digits. */
const APP_PASSWORD = /^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/i;

export interface BlueskyConnectInput {
  practiceId: string;
  userId: string;
  handle: string;
  appPassword: string;
  /** The account's server when it is not bsky.social. */
  service?: string | undefined;
  /** Reconnecting this channel (a new app password); absent for a new channel. */
  channelId?: string | undefined;
}

const invalid = (field: string, message: string, sentence = message) =>
  new AppError("invalid-input", sentence, { [field]: message });

function serviceOrigin(typed: string | undefined): string {
  if (!(typed ?? "").trim()) return BLUESKY_SERVICE;
  const origin = serverOrigin(typed);
  if (!origin) throw invalid("service", "Enter the server's address, for example https://bsky.social.");
  return origin;
}

/** Checks the app password with Bluesky and stores the channel connected (or reconnected). */
export async function connectBluesky(ctx: AppContext, input: BlueskyConnectInput): Promise<ConnectedChannel> {
  const { practiceId, userId } = input;
  await actingAdmin(ctx, practiceId, userId, "bluesky");
  const existing = input.channelId
    ? await channelToReconnect(ctx, practiceId, input.channelId, "bluesky")
    : null;
  const handle = input.handle.trim().replace(/^@/, "").toLowerCase();
  if (!HANDLE.test(handle))
    throw invalid("handle", "Enter the account's handle, for example riverside-surgery.bsky.social.");
  const appPassword = input.appPassword.trim();
  if (!APP_PASSWORD.test(appPassword))
    throw invalid(
      "appPassword",
      "Enter an app password from Bluesky's Settings → Privacy and security → App passwords (it looks like abcd-efgh-ijkl-mnop). Never enter the account's own password.",
    );
  const service = existing?.api_base || serviceOrigin(input.service);
  let account: { did: string; handle: string };
  try {
    account = await blueskyAccount(service, handle, appPassword);
  } catch (err) {
    if (err instanceof ChannelError && (err.kind === "reconnect" || err.kind === "rejected"))
      throw invalid(
        "appPassword",
        "Bluesky did not accept this handle and app password.",
        "Bluesky did not accept this handle and app password. Check both, or make a new app password, and try again.",
      );
    throw new ConnectRefused("unreachable", practiceId);
  }
  if (existing?.account_id && existing.account_id !== account.did)
    throw new ConnectRefused("other-account", practiceId);
  return storeConnection(ctx, {
    practiceId,
    userId,
    kind: "bluesky",
    apiBase: service,
    existing,
    account: {
      accountId: account.did,
      name: account.handle,
      credentials: { identifier: account.handle, appPassword },
      expiresAt: null,
    },
  });
}
