/**
 * The app's route table as the built server knows it (React Router's server build exports every
 * route with its parent and path), so a test can visit every page, endpoint, download and feed
 * that exists, including routes added after the test was written.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildDir } from "../support/server.ts";

export interface RouteEntry {
  /** e.g. `routes/posts.$id._index` */
  id: string;
  /** e.g. `/posts/:id` */
  pattern: string;
  hasLoader: boolean;
  hasAction: boolean;
  /** A page: the route renders a component (not a resource route: API, download, feed). */
  hasComponent: boolean;
}

export async function loadRouteTable(): Promise<RouteEntry[]> {
  const build = (await import(pathToFileURL(path.join(buildDir, "server/index.js")).href)) as {
    routes: Record<
      string,
      { id: string; parentId?: string; path?: string; index?: boolean; module: Record<string, unknown> }
    >;
  };
  const fullPath = (id: string): string => {
    const route = build.routes[id]!;
    const parent = route.parentId ? fullPath(route.parentId) : "";
    return route.path ? `${parent.replace(/\/$/, "")}/${route.path}` : parent;
  };
  return Object.values(build.routes)
    .filter((r) => r.id !== "root")
    .map((r) => ({
      id: r.id,
      pattern: fullPath(r.id) || "/",
      hasLoader: typeof r.module.loader === "function",
      hasAction: typeof r.module.action === "function",
      hasComponent: typeof r.module.default === "function",
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}
