import { checkpointRoutes } from "./checkpoints";
import { comparisonRoutes } from "./comparison";
import { datasetRoutes } from "./dataset";
import { galleryRoutes } from "./gallery";
import { gridAnimationRoutes } from "./gridAnimation";
import { healthRoutes } from "./health";
import { latentRoutes } from "./latent";
import { limitsRoutes } from "./limits";
import type { Route } from "./router";
import { runRoutes } from "./runs";
import { sessionRoutes } from "./sessions";
import { throughputRoutes } from "./throughput";

/**
 * The API route table. To add routes, write a `xxxRoutes(): Route[]` factory in its own file
 * (handlers get `ctx.deps`: repositories, sessions, rooms, scheduler) and add ONE line here.
 */
export function apiRoutes(): Route[] {
  return [
    ...healthRoutes(),
    ...sessionRoutes(),
    ...runRoutes(),
    ...latentRoutes(),
    ...comparisonRoutes(),
    ...checkpointRoutes(),
    ...galleryRoutes(),
    ...datasetRoutes(),
    ...gridAnimationRoutes(),
    ...throughputRoutes(),
    ...limitsRoutes(),
  ];
}
