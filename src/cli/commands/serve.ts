import type { Command } from "commander";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "../../config";
import { openRuntime } from "../../runtime";
import { buildServer } from "../../server/app";
import { ensureDemo } from "../../app/demo/ensure-demo";
import { startJobRunner } from "../../jobs/runner";
import { scheduleAuditDigest } from "../../app/audit/daily-digest";

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
      const rt = await openRuntime(config);
      if (config.SAFEPOST_DEMO === "on")
        await ensureDemo(rt.ctx, config.SAFEPOST_DEMO_PASSWORD, (line) => process.stdout.write(line + "\n"));
      const app = await buildServer(rt.ctx, {
        logLevel: config.SAFEPOST_LOG_LEVEL,
        webRoot: webRoot(),
        https: config.baseUrl.startsWith("https:"),
      });
      await scheduleAuditDigest(rt.ctx.db, rt.ctx.now());
      const jobs = startJobRunner(rt.ctx);
      const shutdown = async (): Promise<void> => {
        jobs.stop();
        await app.close();
        await rt.close();
        process.exit(0);
      };
      process.once("SIGINT", () => void shutdown());
      process.once("SIGTERM", () => void shutdown());
      await app.listen({ port: config.PORT, host: config.HOST });
      const address = app.server.address();
      const port = typeof address === "object" && address ? address.port : config.PORT;
      const url = config.SAFEPOST_BASE_URL ? config.baseUrl : `http://localhost:${port}`;
      process.stdout.write(`safepost is running at ${url} (database: ${rt.database.kind})\n`);
    });
}
