import { describe, expect, it } from "vitest";
import type { Community } from "../../db/communities.ts";
import { communityBaseUrl, communitySender, parseCommunityPath } from "./community-address.ts";

const saga: Community = {
  id: "c2",
  slug: "saga",
  name: "佐賀地域SECURITY",
  name_en: null,
  sender_name: null,
  sender_address: null,
  host: null,
  created_at: "2026-12-01T00:00:00.000Z",
};

describe("a community's address and sender", () => {
  it("reads the community a path names, and the path inside it", () => {
    expect(parseCommunityPath("/c/saga/events/1")).toEqual({ slug: "saga", rest: "/events/1" });
    expect(parseCommunityPath("/c/SAGA")).toEqual({ slug: "saga", rest: "/" });
    expect(parseCommunityPath("/c/saga/")).toEqual({ slug: "saga", rest: "/" });
    expect(parseCommunityPath("/community/organisations")).toBeNull();
    expect(parseCommunityPath("/c/")).toBeNull();
    expect(parseCommunityPath("/c/%E0%A4%A/x")).toBeNull();
  });

  it("puts the first community at the installation's address, others under /c/<slug> or their host name", () => {
    expect(communityBaseUrl("https://chiiki.example.jp", saga, true)).toBe("https://chiiki.example.jp");
    expect(communityBaseUrl("https://chiiki.example.jp", saga, false)).toBe("https://chiiki.example.jp/c/saga");
    const hosted = { ...saga, host: "saga.example.jp" };
    expect(communityBaseUrl("https://chiiki.example.jp", hosted, false)).toBe("https://saga.example.jp");
    // The same server on the same port (a test or an intranet installation).
    expect(communityBaseUrl("http://localhost:3000", hosted, false)).toBe("http://saga.example.jp:3000");
  });

  it("sends a community's mail from its own sender where it has one", () => {
    const from = '"Chiiki" <noreply@chiiki.example.jp>';
    expect(communitySender(saga, from)).toBe(from);
    expect(communitySender({ ...saga, sender_address: "office@saga.example.jp" }, from)).toBe(
      "佐賀地域SECURITY <office@saga.example.jp>",
    );
    expect(
      communitySender({ ...saga, sender_name: "佐賀 (事務局)", sender_address: "office@saga.example.jp" }, from),
    ).toBe('"佐賀 (事務局)" <office@saga.example.jp>');
    expect(communitySender({ ...saga, sender_name: "佐賀事務局" }, from)).toBe(
      "佐賀事務局 <noreply@chiiki.example.jp>",
    );
    expect(communitySender({ ...saga, sender_name: 'a"b' }, "noreply@x.jp")).toBe('"a\\"b" <noreply@x.jp>');
  });
});
