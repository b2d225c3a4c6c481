// The server's log: quiet for people, structured for machines.
//
// `text` (the default) prints one short line per event, with the level only when it is a warning or
// worse; `json` (SAFEPOST_LOG_FORMAT=json) prints pino's JSON lines for a log collector. Requests are
// logged at `debug`, so a server at the default `info` level prints its start line and then only what
// needs attention. Whatever the format, entries hold route patterns, status codes and error types, never
// bodies, query strings, tokens or personal data (see the serializers in app.ts).
import { pino, type Logger, type LevelWithSilent } from "pino";
import pretty from "pino-pretty";
import type { Writable } from "node:stream";

export type LogFormat = "text" | "json";

export interface LoggerOptions {
  level: LevelWithSilent;
  format: LogFormat;
  /** Where the lines go; standard output unless given (tests pass a stream of their own). */
  destination?: Writable;
}

const WARN = 40;

/** Builds the process's logger. */
export function createLogger(options: LoggerOptions): Logger {
  if (options.format === "json") {
    return options.destination
      ? pino({ level: options.level }, options.destination)
      : pino({ level: options.level });
  }
  const stream = pretty({
    colorize: false,
    sync: true,
    singleLine: true,
    ignore: "pid,hostname,time,level,reqId",
    messageFormat: (log, messageKey) => {
      const message = String(log[messageKey] ?? "");
      const level = Number(log["level"]);
      return level >= WARN ? `${(pino.levels.labels[level] ?? "error").toUpperCase()}: ${message}` : message;
    },
    ...(options.destination ? { destination: options.destination } : {}),
  });
  return pino({ level: options.level }, stream);
}
