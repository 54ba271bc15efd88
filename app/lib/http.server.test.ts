import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clientOf, safeRedirectPath } from "./http.server.ts";

const SITE = "https://chiiki.example.jp";

/** Where a browser goes with this Location header on our site (WHATWG URL, as browsers parse it). */
function destination(location: string): URL {
  return new URL(location, `${SITE}/sign-in?redirectTo=x`);
}

/** Pieces attackers put in redirect targets: slashes of every kind, schemes, controls, encodings. */
const fragment = fc.constantFrom(
  "/",
  "//",
  "\\",
  "/\\",
  "\\/",
  "%2f",
  "%2F",
  "%5c",
  "%5C",
  "%252f",
  "%09",
  "%0a",
  "%0d",
  "%00",
  "\t",
  "\n",
  "\r",
  "\u0000",
  "\u000b",
  "\u000c",
  "\u007f",
  "\u0085",
  "\u00a0",
  "\u2028",
  "\u3000",
  " ",
  "evil.example",
  "@evil.example",
  "evil.example:443",
  "javascript:alert(1)",
  "data:text/html,x",
  "https:",
  "http://evil.example",
  ":",
  "?",
  "#",
  "..",
  ".",
  "%",
  "%zz",
  "ｅｖｉｌ",
  "／",
  "＼",
  "。",
  "xn--",
  "\ud800",
);
const hostile = fc
  .array(fc.oneof(fragment, fc.string({ maxLength: 4 }), fc.string({ unit: "grapheme", maxLength: 4 })), {
    maxLength: 8,
  })
  .map((parts) => parts.join(""));

describe("safeRedirectPath", () => {
  it("keeps ordinary paths of the site, with their query", () => {
    expect(safeRedirectPath("/events")).toBe("/events");
    expect(safeRedirectPath("/posts?tlp=GREEN&page=2")).toBe("/posts?tlp=GREEN&page=2");
    expect(safeRedirectPath("/account?language=saved")).toBe("/account?language=saved");
    expect(safeRedirectPath("/イベント")).toBe("/%E3%82%A4%E3%83%99%E3%83%B3%E3%83%88");
  });

  it("refuses what the review used and its relatives, falling back", () => {
    for (const target of [
      "/\t/evil.example",
      "/%09/evil.example",
      "/\n/evil.example",
      "/\r\nSet-Cookie: x=1",
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/%2f/evil.example",
      "/%5cevil.example",
      "https://evil.example",
      "javascript:alert(1)",
      "evil.example",
      " /x",
      "",
      "/\u0000",
      "/x\u007f",
    ]) {
      expect(safeRedirectPath(target, "/fallback"), JSON.stringify(target)).toBe("/fallback");
    }
    expect(safeRedirectPath(42)).toBe("/");
    expect(safeRedirectPath(null)).toBe("/");
    expect(safeRedirectPath(["/x"])).toBe("/");
  });

  it("never yields a location off the site, nor an invalid header, for any input (property)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostile,
          hostile.map((s) => `/${s}`),
          fc.string(),
          fc.string({ unit: "binary" }),
        ),
        (input) => {
          const location = safeRedirectPath(input, "/");
          expect(location.startsWith("/") && !location.startsWith("//")).toBe(true);
          expect(/[\u0000-\u0020\u007f-\uffff\\]/.test(location)).toBe(false);
          expect(destination(location).origin).toBe(SITE);
          expect(() => new Headers({ Location: location })).not.toThrow();
          // What the browser lands on is a path of ours, however it is resolved again.
          expect(destination(destination(location).href).origin).toBe(SITE);
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe("clientOf", () => {
  const from = (address: string | null) =>
    clientOf(new Request("http://x/", { headers: address === null ? {} : { "x-forwarded-for": address } }));

  it("counts the address server/http.ts resolved, an IPv6 client by its /64", () => {
    expect(from("203.0.113.5")).toBe("203.0.113.5");
    expect(from("::ffff:203.0.113.5")).toBe("203.0.113.5");
    expect(from("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(from("2001:db8:1:2:ffff::9")).toBe(from("2001:db8:1:2::1"));
  });

  it("reads only the first address of a list, and a missing header as one unknown client", () => {
    expect(from("198.51.100.7, 10.0.0.1")).toBe("198.51.100.7");
    expect(from(null)).toBe("unknown");
    expect(from("")).toBe("unknown");
  });
});
