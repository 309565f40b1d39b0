import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServerConfig } from "../config/env";
import type { GalleryService } from "../gallery/service";
import type { CheckpointFiles } from "../sessions/checkpointFiles";
import type { RunDataService } from "../sessions/runData";
import type { SessionService } from "../sessions/sessionService";
import type { ThroughputService } from "../sessions/throughput";
import type { RateLimiter } from "./rateLimit";
import { requestUrl } from "./requestUrl";
import { sendError, sendRefusal } from "./respond";

/**
 * What route handlers may use: the application's services (built once, by createApp) and the request-level
 * settings. Handlers parse the request, call a service and write the answer; they never reach a repository.
 */
export interface HttpDeps {
  sessions: SessionService;
  runData: RunDataService;
  checkpoints: CheckpointFiles;
  gallery: GalleryService;
  throughput: Pick<ThroughputService, "current">;
  /** The body of GET /api/health (mode, active runs, Redis). */
  health: () => Record<string, unknown>;
  config: Pick<ServerConfig, "publicUrl" | "sessionCreateLimit" | "limits" | "clientHashSecret" | "trustProxy">;
  /** SESSION_CREATE_LIMIT per client a minute (shared across app servers when distributed); null: no limit. */
  limiters: { sessionCreate: RateLimiter | null };
  log: (msg: string, err?: unknown) => void;
}

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** Path parameters by name (":id" -> params.id), already URI-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Origin for links: PUBLIC_URL, or http://<Host header>. */
  origin: string;
  deps: HttpDeps;
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface Route {
  method: HttpMethod;
  /** e.g. "/api/sessions/:id/runs/:runId/metrics.csv" — ":name" matches one path segment. */
  path: string;
  handler: (ctx: RouteContext) => Promise<void> | void;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const pattern = route.path
    .split("/")
    .map((seg) => {
      if (seg.startsWith(":")) {
        names.push(seg.slice(1));
        return "([^/]+)";
      }
      return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { ...route, regex: new RegExp(`^${pattern}/?$`), names };
}

/** Path parameters by name, URI-decoded; null when one is not valid percent-encoding ("%ZZ", "%E0%A4%A", "%C0%AF"). */
function decodeParams(names: readonly string[], match: RegExpExecArray): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (const [i, name] of names.entries()) {
    try {
      params[name] = decodeURIComponent(match[i + 1] ?? "");
    } catch {
      return null; // URIError: the client sent it, so it is a 400, not a 500
    }
  }
  return params;
}

/**
 * A route table: first match wins, 405 when the path exists with another method, 404 JSON for any
 * other /api path. Returns false for paths it does not own (the caller hands them to Next).
 */
export function createRouter(routes: Route[], deps: HttpDeps) {
  const compiled = routes.map(compile);
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = requestUrl(req);
    if (!url) {
      sendRefusal(res, "bad_request", "malformed request URL");
      return true;
    }
    if (!url.pathname.startsWith("/api/") && url.pathname !== "/api") return false;
    const method = (req.method ?? "GET").toUpperCase();
    let pathMatched = false;
    for (const route of compiled) {
      const m = route.regex.exec(url.pathname);
      if (!m) continue;
      pathMatched = true;
      const effective = method === "HEAD" ? "GET" : method;
      if (route.method !== effective) continue;
      const params = decodeParams(route.names, m);
      if (!params) {
        sendRefusal(res, "bad_request", "malformed percent-encoding in the path");
        return true;
      }
      try {
        const origin = deps.config.publicUrl ?? `http://${req.headers.host ?? "localhost"}`;
        await route.handler({ req, res, params, query: url.searchParams, origin, deps });
      } catch (err) {
        sendError(res, err, deps.log);
      }
      return true;
    }
    if (pathMatched && method === "OPTIONS") {
      // CORS preflight for the public GETs (model files); nothing else is cross-origin.
      res.writeHead(204, {
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
        "Access-Control-Max-Age": "86400",
      });
      res.end();
      return true;
    }
    if (pathMatched) sendRefusal(res, "method_not_allowed", `method ${method} not allowed here`);
    else sendRefusal(res, "not_found", "no such API route");
    return true;
  };
}
