import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";
import { envValue } from "../config/env";

/**
 * The server's structured log (pino): one JSON object a line with NODE_ENV=production (for a log collector),
 * readable coloured lines otherwise (pino-pretty). LOG_LEVEL sets
 * the least severe line written; under `node --test` the default is "silent", so the tests stay quiet.
 *
 * Domain code does not import this: it takes a `LogFn` callback (tests pass their own and read what was logged), and
 * the entry points hand it `errorLog(logger.child({ component }))`. Text a client sent goes through
 * escapeClientText first (clientText.ts): the JSON encoding protects JSON lines, not the pretty ones.
 */
export type LogFn = (msg: string, err?: unknown) => void;

type Env = Readonly<Record<string, string | undefined>>;

export function logLevel(env: Env = process.env): string {
  if (env.NODE_TEST_CONTEXT && !env.LOG_LEVEL?.trim()) return "silent";
  return envValue("LOG_LEVEL", env);
}

/** pino-pretty writing synchronously (no worker thread: every line is out before the process exits). */
function prettyStream(): DestinationStream {
  return pretty({
    sync: true,
    singleLine: true,
    colorize: process.stdout.isTTY,
    translateTime: "HH:MM:ss.l",
    messageFormat: "{if component}{component}: {end}{msg}",
    ignore: "pid,hostname,component",
  });
}

export function createLogger(
  opts: { level?: string; production?: boolean; destination?: DestinationStream } = {},
): Logger {
  const production = opts.production ?? process.env.NODE_ENV === "production";
  const options = { level: opts.level ?? logLevel(), base: { pid: process.pid } };
  const destination = opts.destination ?? (production ? null : prettyStream());
  return destination ? pino(options, destination) : pino(options);
}

let root: Logger | null = null;

/** The process's logger, made at first use. */
export function logger(): Logger {
  root ??= createLogger();
  return root;
}

/** A `LogFn` writing errors to `log` (the error, when given, under `err` with its stack). */
export function errorLog(log: Logger): LogFn {
  return (msg, err) => (err === undefined ? log.error(msg) : log.error({ err }, msg));
}

/** An info-line writer for a component of the process logger. */
export function infoLog(component: string): (line: string) => void {
  const log = logger().child({ component });
  return (line) => log.info(line);
}

/** A `LogFn` for a component of the process logger: `component` names where the line comes from. */
export function componentLog(component: string): LogFn {
  return errorLog(logger().child({ component }));
}
