import type { Command } from "commander";
import { loadConfig } from "../../config";
import { openRuntime } from "../../runtime";

export function registerMigrate(program: Command): void {
  program
    .command("migrate")
    .description("bring the database schema up to date (also done at every start)")
    .action(async () => {
      const config = loadConfig();
      const rt = await openRuntime(config);
      await rt.close();
      process.stdout.write(`safepost: the database is up to date (${rt.database.kind}).\n`);
    });
}
