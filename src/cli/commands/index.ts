import type { Command } from "commander";
import { registerServe } from "./serve";
import { registerMigrate } from "./migrate";
import { registerCheck } from "./check";
import { registerUser } from "./user";
import { registerAudit } from "./audit";
import { registerPolicy } from "./policy";

export type CommandModule = (program: Command) => void;

/** Every CLI command. Each capability adds its file here. */
export const commands: CommandModule[] = [registerServe, registerMigrate, registerUser, registerAudit, registerCheck, registerPolicy];
