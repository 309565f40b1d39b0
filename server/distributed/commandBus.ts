import { randomUUID } from "node:crypto";
import { z } from "zod";
import { RunViewSchema } from "../../lib/contracts/session";
import { keys, type RedisFactory } from "./redis";

/**
 * Owners' commands for runs held by trainers on other machines: a Redis PUB/SUB channel every trainer listens to,
 * and one reply channel per process. Only the trainer that holds the run answers; no answer within the timeout
 * means nobody holds it (it waits in the queue, or its trainer died and the run waits to be taken over).
 * PUB/SUB is at-most-once, which is what a command wants: the database stays the truth either way.
 */
export const RunCommandSchema = z.object({
  id: z.string(),
  runId: z.string(),
  action: z.enum(["pause", "resume", "stop", "delete"]),
  replyTo: z.string(),
});
export type RunCommand = z.infer<typeof RunCommandSchema>;

export const CommandReplySchema = z.object({
  id: z.string(),
  /** The run as the trainer left it, or why it refused (a conflict the owner should hear about). */
  result: z.union([z.object({ run: RunViewSchema.nullable() }), z.object({ error: z.string() })]),
});
export type CommandReply = z.infer<typeof CommandReplySchema>;

export interface CommandBus {
  /** Sends a command; resolves with the holder's reply, or null when no process answered in time. */
  send(runId: string, action: RunCommand["action"], timeoutMs?: number): Promise<CommandReply["result"] | null>;
  /** Trainers: handle commands; return null for runs this process does not hold (then it stays silent). */
  serve(handler: (cmd: RunCommand) => Promise<CommandReply["result"] | null>): void;
  close(): Promise<void>;
}

export function redisCommandBus(
  redis: RedisFactory,
  processId: string,
  logError: (m: string, e?: unknown) => void,
): CommandBus {
  const pub = redis.connect(`commands-pub:${processId}`);
  const sub = redis.connect(`commands-sub:${processId}`);
  const pending = new Map<string, (r: CommandReply["result"]) => void>();
  let handler: ((cmd: RunCommand) => Promise<CommandReply["result"] | null>) | null = null;
  const replyChannel = keys.replies(processId);
  // ioredis re-subscribes by itself after a reconnect.
  const subscribed = sub
    .subscribe(replyChannel)
    .catch((err: unknown) => logError("command bus: subscribe failed", err));

  sub.on("message", (channel: string, message: string) => {
    try {
      if (channel === replyChannel) {
        const reply = CommandReplySchema.parse(JSON.parse(message));
        pending.get(reply.id)?.(reply.result);
        pending.delete(reply.id);
        return;
      }
      if (channel === keys.commands && handler) {
        const cmd = RunCommandSchema.parse(JSON.parse(message));
        void handler(cmd)
          .then((result) =>
            result ? pub.publish(cmd.replyTo, JSON.stringify({ id: cmd.id, result } satisfies CommandReply)) : 0,
          )
          .catch((err: unknown) => logError(`command bus: ${cmd.action} of run ${cmd.runId} failed`, err));
      }
    } catch (err) {
      logError("command bus: ignored a malformed message", err);
    }
  });

  return {
    async send(runId, action, timeoutMs = 1000) {
      await subscribed;
      const id = randomUUID();
      const answer = new Promise<CommandReply["result"] | null>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(null);
        }, timeoutMs);
        pending.set(id, (r) => {
          clearTimeout(timer);
          resolve(r);
        });
      });
      await pub.publish(
        keys.commands,
        JSON.stringify({ id, runId, action, replyTo: replyChannel } satisfies RunCommand),
      );
      return answer;
    },
    serve(h) {
      handler = h;
      void sub.subscribe(keys.commands).catch((err: unknown) => logError("command bus: subscribe failed", err));
    },
    async close() {
      for (const resolve of pending.values()) resolve({ error: "shutting down" });
      pending.clear();
    },
  };
}
