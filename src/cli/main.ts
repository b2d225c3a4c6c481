import { Command, CommanderError } from "commander";
import { loadCommands } from "./commands/index";
import { CliError } from "./cli-error";
import pkg from "../../package.json" with { type: "json" };

const program = new Command("safepost")
  .description("Social media policy and safe posting for UK GP practices")
  .version(pkg.version, "-v, --version", "print the version")
  .showHelpAfterError("(run with --help for usage)")
  .exitOverride();

for (const register of await loadCommands(process.argv)) register(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode;
  } else if (err instanceof CliError) {
    process.stderr.write(`safepost: ${err.message}\n`);
    process.exitCode = err.exitCode;
  } else {
    process.stderr.write(`safepost: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
