/**
 * The web layer never reaches the database or Better Auth itself (ARCHITECTURE.md: a route
 * authorises, parses, calls one core function, responds). biome.jsonc refuses the imports; this
 * catches what an import rule cannot see: a query built on `services.database.db`, a call to
 * `services.auth.api`, a transaction opened in a route.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const appDir = import.meta.dirname;
const REACHES_IN = /\.(selectFrom|insertInto|updateTable|deleteFrom|transaction)\(|\bauth\.api\b|\bsql`/;

function sources(): string[] {
  return readdirSync(appDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.relative(appDir, path.join(e.parentPath, e.name)));
}

describe("the web layer", () => {
  it("builds no query and calls no Better Auth endpoint", () => {
    const offenders = sources().filter((file) => REACHES_IN.test(readFileSync(path.join(appDir, file), "utf8")));
    expect(offenders).toEqual([]);
  });
});
