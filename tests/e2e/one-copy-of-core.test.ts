/**
 * The built routes and server/ share one copy of core/, db/ and i18n/ (vite.config.ts,
 * `loadSharedCodeFromSource`): two copies would mean two registration desks, two survey model
 * caches, two id pools and an AppError that `instanceof` does not recognise across the seam.
 *
 * A plain node process (as `node server/main.ts` runs, not vitest's module runner) imports the
 * server build, records every module it loads, and compares an object from core that the built
 * code hands out with the same export imported from source.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { buildDir, repoRoot } from "../support/server.ts";

const probe = `
import { registerHooks } from "node:module";
const loaded = [];
registerHooks({ load(url, context, nextLoad) { loaded.push(url); return nextLoad(url, context); } });
const build = await import(process.env.BUILD_URL);
const source = (file) => import(new URL(file, process.env.ROOT_URL).href);
const { anonymous } = await source("core/accounts/actor.ts");
const { provide } = await source("app/context.ts");
const { createRequestState } = await source("app/lib/request-state.server.ts");
const state = await createRequestState({}, new Request("http://localhost/"), "nonce");
// The root route's loader (bundled) reads the request's state through the context key the
// server sets (app/context.ts from source): it gets as far as the services, which say so.
const services = new Proxy({}, { get() { throw new Error("reached the services"); } });
let rootSaw;
try {
  await build.routes.root.module.loader({
    request: new Request("http://localhost/"),
    url: new URL("http://localhost/"),
    params: {},
    context: provide({ ...state, services }),
  });
} catch (error) {
  rootSaw = error.message;
}
console.log(JSON.stringify({ sameAnonymous: state.actor === anonymous, rootSaw, loaded }));
`;

describe("one copy of core per process", () => {
  it("the server build loads core/, db/, i18n/ and the router context from their sources, and hands out core's own objects", () => {
    const rootUrl = pathToFileURL(repoRoot).href;
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", probe], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH,
        BUILD_URL: pathToFileURL(path.join(buildDir, "server/index.js")).href,
        ROOT_URL: rootUrl,
      },
      encoding: "utf8",
    });
    expect(result.stderr).toBe("");
    const { sameAnonymous, rootSaw, loaded } = JSON.parse(result.stdout) as {
      sameAnonymous: boolean;
      rootSaw: string;
      loaded: string[];
    };
    const sources = loaded.filter((url) => url.startsWith(rootUrl)).map((url) => url.slice(rootUrl.length));
    // What the routes use arrives as the source files server/ imports (a bundled copy loads none).
    expect(sources).toEqual(
      expect.arrayContaining([
        "core/accounts/actor.ts",
        "core/shared/errors.ts",
        "i18n/index.ts",
        "db/ids.ts",
        "app/context.ts",
        "app/lib/request-state.server.ts",
      ]),
    );
    // One router context key: the state the server provides is the one the bundled routes read
    // (a second copy of app/context.ts would fail with React Router's "No value found for context").
    expect(rootSaw).toBe("reached the services");
    // createRequestState answers a request without credentials with core's `anonymous`: the very
    // object the bundled routes compare with, not a copy's twin.
    expect(sameAnonymous).toBe(true);
  });
});
