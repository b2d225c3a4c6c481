import type { Command } from "commander";
import { z } from "zod";
import { AppError } from "../../core/errors";
import { loadConfig } from "../../config";
import type { Config } from "../../config";
import { DataFolderInUse, keyFileOf, openRuntime } from "../../runtime";
import { rotateSecretKey } from "../../app/auth/rotate-key";
import { CliError } from "../cli-error";

/**
 * The runtime for a rotation, refused while a safepost server has the data folder open: it would go on sealing
 * and opening secrets with the old key, and a secret it sealed during the rotation would be lost.
 */
async function openRotating(config: Config) {
  try {
    return await openRuntime(config);
  } catch (err) {
    if (err instanceof DataFolderInUse)
      throw new CliError(
        "safepost is running on this data folder, so the key cannot be changed now: the running server would " +
          "keep using the old key. Stop it first (press Ctrl+C where it runs, or stop its service, e.g. " +
          "systemctl stop safepost), then run safepost secrets rotate again and start it afterwards.",
      );
    throw err;
  }
}

export function registerSecrets(program: Command): void {
  const secrets = program.command("secrets").description("the installation's secret key");
  secrets
    .command("rotate")
    .description(
      "encrypt every stored secret (channel sign-ins, app secrets, two-step secrets) under a new key; stop every safepost instance first",
    )
    .option("--new-key <base64>", "the new key (32 random bytes in base64); made at random when absent")
    .option("--keep-old-key", "keep the old key file as <key file>.old, for backups taken before now")
    .addHelpText(
      "after",
      "\nWith a key file, the new key replaces it once every secret is sealed again; if anything fails, nothing changes.\nWith SAFEPOST_SECRET_KEY, the database is rotated and the new key printed: set it on every instance before starting them.\n\nExample:\n  safepost secrets rotate",
    )
    .action(async (raw: unknown) => {
      const o = z.object({ newKey: z.string().optional(), keepOldKey: z.boolean().optional() }).parse(raw);
      const config = loadConfig();
      const rt = await openRotating(config);
      try {
        const done = await rotateSecretKey({
          db: rt.ctx.db,
          now: new Date(),
          envKey: config.SAFEPOST_SECRET_KEY,
          keyFile: keyFileOf(config),
          newKey: o.newKey,
          keepOldKey: o.keepOldKey ?? false,
        });
        const c = done.counts;
        process.stdout.write(
          `Sealed again under the new key: ${c.channelCredentials} channel sign-ins, ${c.channelAppSecrets} app secrets, ${c.nhsmailSecrets} NHSmail secrets, ${c.twoStepSecrets} two-step secrets, ${c.connectRequests} pending connections. Recovery codes keep working.\n`,
        );
        if (done.source === "key-file") {
          process.stdout.write(`The new key is in ${done.keyFile} (owner-only).\n`);
          if (done.oldKeyKept)
            process.stdout.write(
              `The old key is kept in ${done.oldKeyKept}: it opens the secrets in backups taken before now. Move it off this machine, with those backups.\n`,
            );
          else
            process.stdout.write(
              "Backups taken before now need the old key for their secrets; without it people set up two-step sign-in and channels again after a restore.\n",
            );
        } else {
          process.stdout.write(
            `The key comes from SAFEPOST_SECRET_KEY. Set it to this new value on every instance, then start them:\n  SAFEPOST_SECRET_KEY=${done.newKey}\nUntil then safepost cannot read the stored secrets.\n`,
          );
        }
      } catch (err) {
        if (err instanceof AppError) throw new CliError(err.message, err.code === "invalid-input" ? 2 : 1);
        throw err;
      } finally {
        await rt.close();
      }
    });
}
