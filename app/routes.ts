import type { RouteConfig } from "@react-router/dev/routes";
import { flatRoutes } from "@react-router/fs-routes";

// File-based routes (app/routes/*), so each capability adds its pages without editing a table.
export default flatRoutes({
  ignoredRouteFiles: ["**/*.server.ts", "**/*.test.*", "**/*.module.css"],
}) satisfies RouteConfig;
