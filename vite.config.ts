import path from "node:path";
import { reactRouter } from "@react-router/dev/vite";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

const testing = Boolean(process.env.VITEST);

/** The subpath imports (package.json `imports`) that name the code server/ also loads. */
const SHARED_WITH_SERVER = /^#(core|db|i18n)\//;

/**
 * The server build imports core/, db/ and i18n/ from their sources at run time instead of bundling
 * a copy: node runs server/main.ts (type stripping) and loads the same files, so a process holds one
 * copy of their module state (registration desks, the survey model cache, the id pool) and one
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
      if (!SHARED_WITH_SERVER.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved) return null;
      return { id: path.resolve(resolved.id), external: "absolute" };
    },
    // Written relative to the output directory (the server build is one file at its top,
    // build/server/index.js), not as this machine's absolute path.
    outputOptions(output) {
      const dir = path.resolve(output.dir ?? "build/server");
      const shared = ["core", "db", "i18n"].map((folder) => path.join(import.meta.dirname, folder) + path.sep);
      const relative = (id: string) => {
        if (!shared.some((folder) => id.startsWith(folder))) return id;
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
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["{core,db,server,app,i18n,cli}/**/*.test.{ts,tsx}", "tests/support/**/*.test.ts"], pool: "forks" },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
