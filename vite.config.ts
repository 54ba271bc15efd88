import path from "node:path";
import { reactRouter } from "@react-router/dev/vite";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

const testing = Boolean(process.env.VITEST);

/** The folders server/ also loads, and the web layer's modules it shares with the routes. */
const SHARED_FOLDERS = ["core", "db", "i18n"].map((folder) => path.join(import.meta.dirname, folder) + path.sep);
const SHARED_FILES = new Set(
  // The router context's key (one key, set by server/page-handler.ts and read by the routes) and
  // who asks and in which language (built once per request by the server, for pages and the API).
  ["app/context.ts", "app/lib/request-state.server.ts"].map((file) => path.join(import.meta.dirname, file)),
);
const isShared = (id: string) => SHARED_FILES.has(id) || SHARED_FOLDERS.some((folder) => id.startsWith(folder));

/**
 * The server build imports core/, db/ and i18n/ (and the two app/ modules the server shares with the
 * routes) from their sources at run time instead of bundling a copy: node runs server/main.ts (type
 * stripping) and loads the same files, so a process holds one copy of their module state
 * (registration desks, the survey model cache, the id pool, the router context's key) and one
 * AppError class. The browser build still bundles what its components use (the catalogs).
 * The import is written relative to the output file, so a build directory elsewhere
 * (CHIIKI_BUILD_DIR) still finds the sources it was built from; the build and the sources it was
 * built from travel together (as they already did: server/ runs from source).
 */
function loadSharedCodeFromSource(): Plugin {
  return {
    name: "chiiki:load-shared-code-from-source",
    enforce: "pre",
    applyToEnvironment: (environment) => environment.name === "ssr",
    async resolveId(source, importer, options) {
      if (!/^[#.]/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || !isShared(path.resolve(resolved.id))) return null;
      return { id: path.resolve(resolved.id), external: "absolute" };
    },
    // Written relative to the output directory (the server build is one file at its top,
    // build/server/index.js), not as this machine's absolute path.
    outputOptions(output) {
      const dir = path.resolve(output.dir ?? "build/server");
      const relative = (id: string) => {
        if (!isShared(id)) return id;
        const from = path.relative(dir, id).split(path.sep).join("/");
        return from.startsWith(".") ? from : `./${from}`;
      };
      return { ...output, paths: relative };
    },
  };
}

export default defineConfig({
  plugins: testing ? [] : [loadSharedCodeFromSource(), reactRouter()],
  server: { port: 3000 },
  build: { target: "es2023" },
  test: {
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Migrated template databases, made once per run; every test database is a copy of one.
    globalSetup: ["tests/support/global-setup.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["{core,db,server,app,i18n,cli}/**/*.test.{ts,tsx}", "tests/support/**/*.test.ts"],
          pool: "forks",
          // Most of a unit file's time is spent waiting (databases, child processes such as the CLI's,
          // LibreOffice, s3rver), not computing: four forks keep two cores busy (CI has two).
          maxWorkers: 4,
          testTimeout: 40_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          // Two files at a time: each starts its own servers, databases and browser (nothing shared),
          // and a file spends much of its time waiting on them; CI has two cores and 20 minutes.
          maxWorkers: 2,
          testTimeout: 180_000,
          hookTimeout: 240_000,
          // A page's answer (an upload checked, a PDF stamped) can take seconds on a loaded CI machine:
          // `expect.poll` waits up to 10 s for it (Vitest's default of 1 s made such steps flaky).
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
