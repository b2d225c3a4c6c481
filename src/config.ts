import { isIP } from "node:net";
import { z } from "zod";

/** A proxy's address (IPv4 or IPv6), optionally with a /prefix: 10.0.0.1, 10.0.0.0/8, ::1. */
const isProxyAddress = (s: string): boolean => {
  const [ip, prefix, extra] = s.split("/");
  if (extra !== undefined || !ip || !isIP(ip)) return false;
  if (prefix === undefined) return true;
  const max = isIP(ip) === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= max;
};

/**
 * TRUST_PROXY: which proxy in front of safepost may say who the client is (X-Forwarded-For). Unset: none,
 * the connecting address is the client. A number: that many proxy hops. Otherwise a comma-separated list of
 * the proxies' addresses. Trusting every sender would let anyone choose their own address and walk past
 * the per-address sign-in limit.
 */
export const trustProxySetting = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx): false | number | string[] => {
    if (!v) return false;
    if (/^\d+$/.test(v)) return Number(v);
    const list = v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = list.filter((s) => !isProxyAddress(s));
    if (bad.length) {
      ctx.addIssue({
        code: "custom",
        message: `TRUST_PROXY must be a number of proxy hops or a list of proxy addresses (not ${bad.join(", ")})`,
      });
      return z.NEVER;
    }
    return list;
  });

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  SAFEPOST_DATA_DIR: z.string().default("./data/db"),
  DATABASE_URL: z.string().optional(),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().default("safepost <no-reply@safepost.local>"),
  SAFEPOST_BASE_URL: z.string().optional(),
  SAFEPOST_DEMO: z.enum(["on", "off"]).default("on"),
  SAFEPOST_DEMO_PASSWORD: z
    .string()
    .min(10, "SAFEPOST_DEMO_PASSWORD must be at least 10 characters")
    .optional(),
  SAFEPOST_OUTBOX_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1, "SAFEPOST_OUTBOX_RETENTION_DAYS must be a whole number of days, at least 1")
    .default(90),
  /** 32 random bytes in base64 for two-factor secrets at rest; else SAFEPOST_KEY_FILE (docs/two-factor.md). */
  SAFEPOST_SECRET_KEY: z.string().optional(),
  SAFEPOST_KEY_FILE: z.string().optional(),
  TRUST_PROXY: trustProxySetting,
  /** The installation's own API apps for connecting channels, when a practice entered none (docs/channels-connect.md). */
  SAFEPOST_FACEBOOK_CLIENT_ID: z.string().trim().optional(),
  SAFEPOST_FACEBOOK_CLIENT_SECRET: z.string().trim().optional(),
  SAFEPOST_X_CLIENT_ID: z.string().trim().optional(),
  SAFEPOST_X_CLIENT_SECRET: z.string().trim().optional(),
  SAFEPOST_LINKEDIN_CLIENT_ID: z.string().trim().optional(),
  SAFEPOST_LINKEDIN_CLIENT_SECRET: z.string().trim().optional(),
  /** The verify token entered in Meta's webhook settings for the Page feed webhook (docs/inbox.md). */
  SAFEPOST_FACEBOOK_WEBHOOK_VERIFY_TOKEN: z.string().trim().optional(),
  /** "off" only for benchmarks of raw throughput from one address (bench/server.ts). */
  SAFEPOST_RATE_LIMIT: z.enum(["on", "off"]).default("on"),
  SAFEPOST_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "silent"]).default("info"),
  SAFEPOST_LOG_FORMAT: z
    .enum(["text", "json"], { message: 'SAFEPOST_LOG_FORMAT must be "text" or "json"' })
    .default("text"),
});

export type Config = z.infer<typeof schema> & { baseUrl: string };

/** Reads configuration from the environment once, at the edge; nothing else reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`safepost: the configuration is not valid:\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  const baseUrl = (c.SAFEPOST_BASE_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, "");
  return { ...c, baseUrl };
}
