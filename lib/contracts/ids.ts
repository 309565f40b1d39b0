import { z } from "zod";

/**
 * The shape of every id on the wire (sessions, runs, checkpoints, gallery items): what the server generates, and what
 * a path, a query, a body or a socket payload must look like before anything is looked up.
 */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const IdSchema = z.string().min(1).max(64).regex(ID_PATTERN, "ids are letters, digits, _ and -");
export type Id = z.infer<typeof IdSchema>;
