import { describe, expect, it } from "vitest";
import { optionalUrl } from "../community/fields.ts";
import { eventInputSchema } from "../events/event-input.ts";
import { pressCoverageSchema } from "../events/record-press-coverage.ts";
import { postInputSchema } from "../sharing/posts.ts";
import { subscriptionInputSchema } from "../sharing/feed-subscriptions.ts";
import { httpUrl, isHttpUrl } from "./http-url.ts";

const unsafe = [
  "javascript:alert(document.cookie)",
  " JavaScript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "file:///etc/passwd",
  "ftp://example.jp/",
  "//evil.example/",
  "/relative",
  "http://",
  "mailto:a@b.jp",
];

describe("stored links are http(s) only", () => {
  it("isHttpUrl and httpUrl accept web addresses and refuse every other scheme", () => {
    for (const value of unsafe) {
      expect(isHttpUrl(value.trim()), value).toBe(false);
      expect(httpUrl(2000).safeParse(value).success, value).toBe(false);
    }
    for (const value of [
      "https://www.jpcert.or.jp/at/2021/at210001.html",
      "http://jvn.jp/",
      "HTTPS://EXAMPLE.JP/a?b=c",
    ]) {
      expect(isHttpUrl(value), value).toBe(true);
    }
  });

  it("every schema that stores a link refuses them (posts, feeds, websites, activities, join URLs, press)", () => {
    const post = { title: "t", body: "b", kind: "advisory", tlp: "CLEAR" };
    for (const value of unsafe.filter((v) => v.trim() !== "")) {
      expect(postInputSchema.safeParse({ ...post, sourceUrl: value }).success, `post ${value}`).toBe(false);
      expect(subscriptionInputSchema.safeParse({ title: "f", url: value }).success, `feed ${value}`).toBe(false);
      expect(optionalUrl().safeParse(value).success, `organisation/activity ${value}`).toBe(false);
      expect(pressCoverageSchema.safeParse({ outlet: "o", url: value }).success, `press ${value}`).toBe(false);
      expect(
        eventInputSchema.safeParse({ onlineJoinUrl: value }).error?.issues.some((i) => i.path[0] === "onlineJoinUrl"),
        `join ${value}`,
      ).toBe(true);
    }
    expect(postInputSchema.safeParse({ ...post, sourceUrl: "https://jvn.jp/" }).success).toBe(true);
  });
});
