import type { Command } from "commander";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../../config";
import { openRuntime } from "../../runtime";
import { buildServer } from "../../server/app";
import { ensureDemo } from "../../app/demo/ensure-demo";
import { startJobWorkers } from "../../jobs/runner";
import { createLogger } from "../../server/logger";
import { serveBackups } from "../../app/backup/backup";

/**
 * The built web app: dist/web under the package root. Found by walking up to package.json, because this
 * code runs from dist/chunks/ when bundled and from src/cli/commands/ when run from source.
 */
export function webRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return join(dir, "dist", "web");
    if (dirname(dir) === dir) return join(from, "web");
  }
}

export function registerServe(program: Command): void {
  program
    .command("serve", { isDefault: false })
    .description("serve the web app and API (http://localhost:3000 unless PORT is set)")
    .option("-p, --port <port>", "port to listen on (overrides PORT)")
    .action(async (opts: { port?: string }) => {
      const config = loadConfig(opts.port ? { ...process.env, PORT: opts.port } : process.env);
      const logger = createLogger({ level: config.SAFEPOST_LOG_LEVEL, format: config.SAFEPOST_LOG_FORMAT });
      const rt = await openRuntime(config, { supervise: true, log: (line) => logger.warn(line) });
      if (config.SAFEPOST_DEMO === "on")
        await ensureDemo(rt.ctx, config.SAFEPOST_DEMO_PASSWORD, (line, secret) => {
          // A JSON log goes to a collector: it gets each line as a log record, and never the password.
          if (config.SAFEPOST_LOG_FORMAT !== "json") process.stdout.write(line + "\n");
          else if (secret)
            logger.info("demo password not logged; print it with: safepost demo show-password");
          else logger.info(line.trim());
        });
      const app = await buildServer(rt.ctx, {
        logger,
        webRoot: webRoot(),
        https: config.baseUrl.startsWith("https:"),
        trustProxy: config.TRUST_PROXY,
        rateLimit: config.SAFEPOST_RATE_LIMIT === "on",
      });
      await startJobWorkers(rt.ctx, { outboxBodyDays: config.SAFEPOST_OUTBOX_RETENTION_DAYS });
      // `safepost backup` asks this process for a consistent copy while it holds the embedded database.
      const stopBackups = config.DATABASE_URL
        ? async () => {}
        : await serveBackups(rt.database, config.SAFEPOST_DATA_DIR);
      const shutdown = async (): Promise<void> => {
        await stopBackups();
        await app.close();
        await rt.close();
        process.exit(0);
      };
      process.once("SIGINT", () => void shutdown());
      process.once("SIGTERM", () => void shutdown());
      // One start line, ours: Fastify's own "Server listening at" is held back while it listens.
      const level = logger.level;
      logger.level = level === "silent" ? level : "warn";
      try {
        await app.listen({ port: config.PORT, host: config.HOST });
      } finally {
        logger.level = level;
      }
      const address = app.server.address();
      const port = typeof address === "object" && address ? address.port : config.PORT;
      const url = config.SAFEPOST_BASE_URL ? config.baseUrl : `http://localhost:${port}`;
      const line = `safepost is running at ${url} (database: ${rt.database.kind})`;
      if (config.SAFEPOST_LOG_FORMAT === "json") logger.info({ url, database: rt.database.kind }, line);
      else process.stdout.write(line + "\n");
    });
}
