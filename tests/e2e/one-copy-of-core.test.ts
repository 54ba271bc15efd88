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
const { anonymous } = await import(new URL("core/accounts/actor.ts", process.env.ROOT_URL).href);
const state = await build.entry.module.createRequestState({}, new Request("http://localhost/"), "nonce");
console.log(JSON.stringify({ sameAnonymous: state.actor === anonymous, loaded }));
`;

describe("one copy of core per process", () => {
  it("the server build loads core/, db/ and i18n/ from their sources, and hands out core's own objects", () => {
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
    const { sameAnonymous, loaded } = JSON.parse(result.stdout) as { sameAnonymous: boolean; loaded: string[] };
    const sources = loaded.filter((url) => url.startsWith(rootUrl)).map((url) => url.slice(rootUrl.length));
    // What the routes use arrives as the source files server/ imports (a bundled copy loads none).
    expect(sources).toEqual(
      expect.arrayContaining(["core/accounts/actor.ts", "core/shared/errors.ts", "i18n/index.ts", "db/ids.ts"]),
    );
    // createRequestState (app/lib/request-state.server.ts, bundled) answers a request without
    // credentials with core's `anonymous`: the very object, not a copy's twin.
    expect(sameAnonymous).toBe(true);
  });
});
