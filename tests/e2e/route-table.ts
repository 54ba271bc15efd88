/**
 * The app's route table as the built server knows it (React Router's server build exports every
 * route with its parent and path) and the JSON API's table (app/api/index.ts, one entry per path,
 * `api:/api/v1/…`), so a test can visit every page, endpoint, download and feed that exists,
 * including routes added after the test was written.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { apiEndpoints } from "../../app/api/index.ts";
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
  const api = new Map<string, RouteEntry>([
    [
      "/api/openapi.json",
      {
        id: "api:/api/openapi.json",
        pattern: "/api/openapi.json",
        hasLoader: true,
        hasAction: false,
        hasComponent: false,
      },
    ],
  ]);
  for (const endpoint of apiEndpoints) {
    const entry = api.get(endpoint.path) ?? {
      id: `api:${endpoint.path}`,
      pattern: endpoint.path.replace(/\{(\w+)\}/g, ":$1"),
      hasLoader: false,
      hasAction: false,
      hasComponent: false,
    };
    if (endpoint.method === "GET") entry.hasLoader = true;
    else entry.hasAction = true;
    api.set(endpoint.path, entry);
  }
  const pages = Object.values(build.routes)
    .filter((r) => r.id !== "root")
    .map((r) => ({
      id: r.id,
      pattern: fullPath(r.id) || "/",
      hasLoader: typeof r.module.loader === "function",
      hasAction: typeof r.module.action === "function",
      hasComponent: typeof r.module.default === "function",
    }));
  return [...pages, ...api.values()].sort((a, b) => a.id.localeCompare(b.id));
}
