import type { Command } from "commander";

export type CommandModule = (program: Command) => void;

/**
 * Every CLI command, by name, loaded on demand: `safepost check` loads the checker and nothing else
 * (no database, no web server), so it starts quickly. Each capability adds one line here.
 */
export const commandLoaders: Record<string, () => Promise<CommandModule>> = {
  serve: () => import("./serve").then((m) => m.registerServe),
  migrate: () => import("./migrate").then((m) => m.registerMigrate),
  user: () => import("./user").then((m) => m.registerUser),
  demo: () => import("./demo").then((m) => m.registerDemo),
  audit: () => import("./audit").then((m) => m.registerAudit),
  check: () => import("./check").then((m) => m.registerCheck),
  policy: () => import("./policy").then((m) => m.registerPolicy),
  posts: () => import("./posts").then((m) => m.registerPosts),
  inbox: () => import("./inbox").then((m) => m.registerInbox),
  incidents: () => import("./incidents").then((m) => m.registerIncidents),
  "my-accounts": () => import("./my-accounts").then((m) => m.registerMyAccounts),
  oversight: () => import("./oversight").then((m) => m.registerOversight),
  secrets: () => import("./secrets").then((m) => m.registerSecrets),
  backup: () => import("./backup").then((m) => m.registerBackup),
  restore: () => import("./backup").then((m) => m.registerRestore),
};

/** The commands needed to run `argv`: just the one named, or all of them for help and unknown commands. */
export async function loadCommands(argv: readonly string[]): Promise<CommandModule[]> {
  const name = argv[2];
  if (name === "-v" || name === "--version") return [];
  const loaders =
    name && Object.hasOwn(commandLoaders, name) ? [commandLoaders[name]!] : Object.values(commandLoaders);
  return Promise.all(loaders.map((load) => load()));
}
