import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pathInsideCommunity } from "./base-path.server.ts";

const appDir = path.resolve(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx$/.test(entry.name) && !/\.test\./.test(entry.name) ? [full] : [];
  });
}

describe("addresses under a community's prefix (ADR 040)", () => {
  it("takes a request path inside its community's prefix", () => {
    expect(pathInsideCommunity("/c/saga/community/organisations")).toBe("/community/organisations");
    expect(pathInsideCommunity("/c/saga")).toBe("/");
    expect(pathInsideCommunity("/community/organisations")).toBe("/community/organisations");
  });

  it("writes no path of ours into a plain element, where React Router could not add the prefix", () => {
    // `<a href="/…">`, `<form action="/…">`, `<img src="/…">`: a `<Link>` (reloadDocument for a
    // download) or `useHref` instead. Static files at the root (`/survey-answer.js`) are shared.
    const raw = /<(a|form|img|iframe)\b[^>]*\s(href|action|src)=(\{`\/(?!\/)|"\/(?!\/))/g;
    const found = sources(appDir).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(raw)].map((m) => `${path.relative(appDir, file)}: ${m[0]}`),
    );
    expect(found).toEqual([]);
  });
});
