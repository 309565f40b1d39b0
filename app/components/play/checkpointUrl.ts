/** Base URL of a checkpoint's exported files (meta.json, encoder/, decoder/). */
export function checkpointBaseUrl(sessionId: string, checkpointId: string): string {
  return `/api/sessions/${encodeURIComponent(sessionId)}/checkpoints/${encodeURIComponent(checkpointId)}`;
}
