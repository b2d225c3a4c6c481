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
