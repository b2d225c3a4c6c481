// Connecting a practice's channels (issue 9, part 7): the practice's own API app details per platform, and
// the outcomes a connection comes back to the channels page with, as sentences the page shows.
import { z } from "zod";

export const appPlatform = z.enum(["facebook", "x", "linkedin"], {
  error: "safepost keeps app details for Meta (Facebook and Instagram), X and LinkedIn only.",
});
export const appPlatformParams = z.object({ practiceId: z.string(), platform: z.string().max(40) });

/** PUT …/channel-apps/:platform */
export const appCredentialsRequest = z.object({
  clientId: z
    .string({ error: "Enter the app's client id." })
    .trim()
    .min(1, "Enter the app's client id.")
    .max(300, "300 characters at most."),
  clientSecret: z.string().max(500, "500 characters at most.").optional(),
});

export const appCredentialsResponse = z
  .object({
    platform: appPlatform,
    name: z.string(),
    source: z.enum(["settings", "environment"]).nullable(),
    clientId: z.string().nullable(),
    hasClientSecret: z.boolean(),
  })
  .meta({ title: "ChannelAppDetails" });

export const appCredentialsListResponse = z.object({ apps: z.array(appCredentialsResponse) });

/** Why connecting a channel stopped; the channels page shows the sentence (…/channels?connect=<reason>). */
export const CONNECT_REFUSALS = {
  expired:
    "That connection could not be finished: it had expired, had been used already, or was started by someone else. Start again from this page.",
  declined: "The platform did not give safepost access (perhaps Cancel was pressed). Nothing was changed.",
  token:
    "The platform did not accept safepost's request for access. Check the app details on this page and try again.",
  lookup:
    "The platform did not let safepost see which page or account to post as. Connect again and allow every permission safepost asks for.",
  "no-account": "safepost found no page or account you manage there to post as.",
  "several-accounts":
    "You manage more than one page or account there. Connect again and choose only the one the practice posts as.",
  "other-account":
    "You signed in as a different account from the one this channel posts as. Sign in as that account, or connect it as another channel.",
  "missing-app":
    "safepost has no app details for this platform yet. An admin enters them under App details on this page, or the person who runs safepost sets them in its environment (docs/channels-connect.md explains how to get them).",
  "bad-instance": "Enter the Mastodon server's address, for example https://mastodon.social.",
  unreachable: "The platform could not be reached just now. Please try again in a few minutes.",
  forbidden: "Only an admin of the practice can connect channels.",
  "not-found": "That channel was not found. It may have been removed, or it belongs to another practice.",
  "not-connectable": "This kind of channel needs no account to connect.",
} as const;
export type ConnectRefusal = keyof typeof CONNECT_REFUSALS;

/** The sentence after a channel was connected (…/channels?connected=<kind>). */
export const connectedMessage = (name: string) => `${name} is connected. Posts can go to it now.`;

/** POST …/channels/bluesky: connect (or reconnect) a Bluesky account with an app password. */
export const blueskyConnectRequest = z.object({
  handle: z
    .string({ error: "Enter the account's handle." })
    .trim()
    .min(1, "Enter the account's handle, for example riverside-surgery.bsky.social.")
    .max(253, "253 characters at most."),
  appPassword: z
    .string({ error: "Enter an app password." })
    .trim()
    .min(1, "Enter an app password from Bluesky's settings.")
    .max(100, "100 characters at most."),
  service: z.string().max(200, "200 characters at most.").optional(),
  channelId: z.string().max(64).optional(),
});

export const connectedChannelResponse = z
  .object({ channelId: z.string(), kind: z.string(), name: z.string(), message: z.string() })
  .meta({ title: "ConnectedChannel" });
