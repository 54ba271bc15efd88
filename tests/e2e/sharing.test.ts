/**
 * Issue 6, "How it is checked", against the built app as a child process:
 * - a role × route test generated from the route table: every page, API endpoint, download and
 *   feed, for anonymous, a member of another organisation, a member, a group lead, a speaker and
 *   the secretariat; a route nobody classified fails the test;
 * - end to end in Chromium: a speaker consents through the mailed link; a member then sees the
 *   slides and an outsider does not; the download log shows the member's download.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../core/accounts/actor.ts";
import { createApiToken } from "../../core/accounts/api-tokens.ts";
import { inviteUser } from "../../core/accounts/invite-user.ts";
import { createGroup } from "../../core/community/create-group.ts";
import { createMeeting } from "../../core/community/create-meeting.ts";
import { communityDepsFrom } from "../../core/community/deps.ts";
import { dispatchDueMailings } from "../../core/mailings/dispatch-due-mailings.ts";
import { issuePersonalFeedToken } from "../../core/sharing/personal-feed.ts";
import { systemClock } from "../../core/shared/clock.ts";
import { createCommunity } from "../../core/communities/create-community.ts";
import { grantSecretariatRole } from "../../core/accounts/grant-secretariat-role.ts";
import { testDatabases } from "../support/databases.ts";
import { type AppServer, startAppServer, TEST_SECRET } from "../support/server.ts";
import { loadRouteTable, type RouteEntry } from "./route-table.ts";
import { openSharingWorld, PASSWORD, roles, type RoleName, type SharingE2eWorld } from "./sharing-world.ts";
import { localStorageOf } from "../support/storage.ts";

/** What a request came back as: a status, or where a redirect went. */
type Outcome =
  | "200"
  | "201"
  | "206"
  | "302:sign-in"
  | "302:two-factor"
  | "302"
  | "400"
  | "401"
  | "403"
  | "404"
  | "405"
  | "410"
  | "422";
type Expectation = Outcome | Outcome[];
interface Case {
  url: string;
  expect: Record<RoleName, Expectation>;
  headers?: Record<string, string>;
  /** Text each role must (true) or must not (false) find in the body. */
  body?: (w: SharingE2eWorld) => Record<RoleName, Record<string, boolean>>;
}

const all = (o: Expectation): Record<RoleName, Expectation> =>
  Object.fromEntries(roles.map((r) => [r, o])) as Record<RoleName, Expectation>;
const only = (
  allowed: RoleName[],
  ok: Expectation = "200",
  denied: Expectation = "404",
): Record<RoleName, Expectation> =>
  Object.fromEntries(roles.map((r) => [r, allowed.includes(r) ? ok : denied])) as Record<RoleName, Expectation>;
/** A page for signed-in people: the public is sent to sign in. */
const signedInPage = (ok: Expectation = "200") => ({ ...all(ok), anonymous: "302:sign-in" as const });
/** A secretariat page: the public signs in, other accounts are refused. */
const secretariatPage = (ok: Expectation = "200") => ({
  ...all("403"),
  anonymous: "302:sign-in" as const,
  secretariat: ok,
});
const secretariatApi = (ok: Expectation = "200") => ({ ...all("403"), anonymous: "401" as const, secretariat: ok });
const signedInApi = (ok: Expectation = "200") => ({ ...all(ok), anonymous: "401" as const });
const COMMUNITY: RoleName[] = ["otherMember", "member", "groupLead", "secretariat"];

/** Meetings of the lead's group, of another group and of no group (the secretariat's own). */
interface Meetings {
  own: string;
  otherGroup: string;
  noGroup: string;
  otherGroupId: string;
  titles: Record<"own" | "otherGroup" | "noGroup", string>;
}

async function seedMeetings(w: SharingE2eWorld): Promise<Meetings> {
  const deps = communityDepsFrom(w.services);
  const system = { kind: "system" as const, name: "role-route-e2e" };
  const other = await createGroup(deps, system, {
    kind: "research-group",
    name: "人材育成研究会",
    reading: "じんざいいくせいけんきゅうかい",
  });
  const titles = {
    own: "第3回 情報セキュリティ部会",
    otherGroup: "人材育成研究会 打合せ",
    noGroup: "関係者会議（全体）",
  };
  const meeting = async (title: string, groupId: string | null) =>
    (
      await createMeeting(deps, system, {
        title,
        groupId,
        startsAt: "2021-02-09T14:00",
        decisions: [{ text: `${title}の申し合わせ` }],
      })
    ).id;
  return {
    own: await meeting(titles.own, w.world.groupId),
    otherGroup: await meeting(titles.otherGroup, other.id),
    noGroup: await meeting(titles.noGroup, null),
    otherGroupId: other.id,
    titles,
  };
}

/** Which meetings (by title) each role finds in a list: the lead their group's, the secretariat all. */
function visibleMeetings(m: Meetings): Record<RoleName, Record<string, boolean>> {
  const sees = (keys: (keyof Meetings["titles"])[]) =>
    Object.fromEntries(
      Object.entries(m.titles).map(([k, title]) => [title, keys.includes(k as keyof Meetings["titles"])]),
    );
  return {
    anonymous: sees([]),
    otherMember: sees([]),
    member: sees([]),
    speaker: sees([]),
    groupLead: sees(["own"]),
    secretariat: sees(["own", "otherGroup", "noGroup"]),
  };
}

/** Who sees which post (TLP) — the same answer the rule table gives. */
function visiblePosts(w: SharingE2eWorld): Record<RoleName, Record<string, boolean>> {
  const t = w.titles;
  const sees = (titles: string[]) =>
    Object.fromEntries(Object.values(t).map((title) => [title, titles.includes(title)]));
  return {
    anonymous: sees([t.clear]),
    otherMember: sees([t.clear, t.green]),
    member: sees([t.clear, t.green, t.amber]),
    groupLead: sees([t.clear, t.green]),
    speaker: sees([t.clear]),
    secretariat: sees(Object.values(t)),
  };
}

/**
 * Every route of the app, classified. Sharing routes carry the TLP and consent expectations;
 * other capabilities' routes are classified by who may use them (unknown ids answer 404 to
 * those allowed in). A route missing here fails the test until someone classifies it.
 */
function classify(w: SharingE2eWorld, m: Meetings): Record<string, Case[]> {
  const { ids, tokens } = w;
  const page = (url: string, expect: Record<RoleName, Expectation>, body?: Case["body"]): Case[] => [
    { url, expect, body },
  ];
  return {
    // ---- information sharing -------------------------------------------------------------
    "routes/posts._index": page("/posts", all("200"), visiblePosts),
    "routes/posts.new": page("/posts/new", secretariatPage()),
    "routes/posts.feed": page("/posts/feed", signedInPage()),
    "routes/posts.feeds": page("/posts/feeds", secretariatPage()),
    "routes/posts.stix[.json]": page("/posts/stix.json", all("200"), (x) => visiblePostsAmongAdvisories(x)),
    "routes/posts.$id._index": [
      { url: `/posts/${ids.clear}`, expect: all("200") },
      { url: `/posts/${ids.green}`, expect: only(COMMUNITY) },
      { url: `/posts/${ids.amber}`, expect: only(["member", "secretariat"]) },
      { url: `/posts/${ids.red}`, expect: only(["secretariat"]) },
      { url: `/posts/${ids.draft}`, expect: only(["secretariat"]) },
    ],
    "routes/posts.$id.edit": page(`/posts/${ids.draft}/edit`, secretariatPage()),
    // sharing with other communities (ADR 038): the publishing secretariat's page only
    "routes/posts.$id.shares": page(`/posts/${ids.green}/shares`, secretariatPage()),
    "routes/posts.$id.attachments.$attachmentId": [
      { url: `/posts/${ids.clear}/attachments/${ids.clearPdf}`, expect: all("200") },
      { url: `/posts/${ids.amber}/attachments/${ids.amberPdf}`, expect: only(["member", "secretariat"]) },
      { url: `/posts/${ids.clear}/attachments/${ids.amberPdf}`, expect: all("404") },
    ],
    "routes/posts.$id.attachments.$attachmentId.preview": [
      { url: `/posts/${ids.amber}/attachments/${ids.amberPdf}/preview`, expect: only(["member", "secretariat"]) },
    ],
    "routes/feed[.atom]": page("/feed.atom", all("200"), (x) => ({ ...all200Body(visiblePosts(x).anonymous) })),
    "routes/feed.personal.$token": [
      {
        url: `/feed/personal/${tokens.personalFeed}`,
        expect: all("200"),
        body: (x) => all200Body(visiblePosts(x).member),
      },
      { url: "/feed/personal/pf_forged", expect: all("404") },
      { url: `/feed/personal/${tokens.rotatedFeed}`, expect: all("404") },
      { url: `/feed/personal/${tokens.revokedFeed}`, expect: all("404") },
      { url: `/feed/personal/${tokens.expiredFeed}`, expect: all("410") },
      // The secretariat's feed: RED only as a note to sign in, with no title; AMBER as a title only.
      {
        url: `/feed/personal/${tokens.secretariatFeed}`,
        expect: all("200"),
        body: (x) =>
          all200Body({ [x.titles.red]: false, "TLP:RED の新しい情報があります": true, [x.titles.amber]: true }),
      },
    ],
    "routes/materials._index": page("/materials", all("200"), () => {
      const seen = (pending: boolean, members: boolean) => ({
        長崎県内のサイバーセキュリティについて: pending,
        "会員限定の資料（閲覧のみ）": members,
        セミナー録画: members,
      });
      return {
        anonymous: seen(false, false),
        otherMember: seen(false, true),
        member: seen(false, true),
        groupLead: seen(false, true),
        speaker: seen(true, false),
        secretariat: seen(true, true),
      };
    }),
    "routes/materials.new": page("/materials/new", { ...secretariatPage(), speaker: "200" }),
    "routes/materials.downloads": page("/materials/downloads", secretariatPage()),
    "routes/materials.$id.shares": page(`/materials/${ids.memberSlides}/shares`, secretariatPage()),
    "routes/materials.$id._index": [
      { url: `/materials/${ids.pendingSlides}`, expect: only(["speaker", "secretariat"]) },
      { url: `/materials/${ids.memberSlides}`, expect: only(COMMUNITY) },
      { url: `/materials/${ids.video}`, expect: only(COMMUNITY) },
    ],
    "routes/materials.$id.file": [
      { url: `/materials/${ids.pendingSlides}/file`, expect: only(["speaker", "secretariat"]) },
      // members may view, not download (the speaker chose view only)
      { url: `/materials/${ids.memberSlides}/file`, expect: { ...only(COMMUNITY, "403"), secretariat: "200" } },
      // view only means the file never leaves the server, inline or not (the secretariat may download)
      {
        url: `/materials/${ids.memberSlides}/file?inline=1`,
        expect: { ...only(COMMUNITY, "403"), secretariat: "200" },
      },
      { url: `/materials/${ids.video}/file`, headers: { Range: "bytes=0-99" }, expect: only(COMMUNITY, "206") },
    ],
    // view-only material is seen as page images stamped for the viewer
    "routes/materials.$id.pages._index": [
      { url: `/materials/${ids.pendingSlides}/pages`, expect: only(["speaker", "secretariat"]) },
      { url: `/materials/${ids.memberSlides}/pages`, expect: only(COMMUNITY) },
      { url: `/materials/${ids.video}/pages`, expect: all("404") },
    ],
    "routes/materials.$id.pages.$page": [
      { url: `/materials/${ids.memberSlides}/pages/1`, expect: only(COMMUNITY) },
      { url: `/materials/${ids.pendingSlides}/pages/1`, expect: only(["speaker", "secretariat"]) },
      { url: `/materials/${ids.memberSlides}/pages/2`, expect: all("404") },
      { url: `/materials/${ids.memberSlides}/pages/x`, expect: all("404") },
    ],
    "routes/materials.consent.$token": [
      { url: `/materials/consent/${tokens.consent}`, expect: all("200") },
      { url: "/materials/consent/mc_forged", expect: all("404") },
    ],
    "api:/api/v1/posts": page("/api/v1/posts", all("200"), visiblePosts),
    "api:/api/v1/posts/{id}": [
      { url: `/api/v1/posts/${ids.amber}`, expect: only(["member", "secretariat"]) },
      { url: `/api/v1/posts/${ids.draft}`, expect: only(["secretariat"]) },
    ],
    "api:/api/v1/posts/{id}/shares": page(`/api/v1/posts/${ids.green}/shares`, secretariatApi()),
    "api:/api/v1/materials/{id}/shares": page(`/api/v1/materials/${ids.memberSlides}/shares`, secretariatApi()),
    // ---- mailings ------------------------------------------------------------------------
    "routes/mailings._index": page("/mailings", secretariatPage()),
    "routes/mailings.new": page("/mailings/new", secretariatPage()),
    "routes/mailings.$id._index": page(`/mailings/${ids.mailing}`, secretariatPage()),
    "api:/api/v1/mailings": page("/api/v1/mailings", secretariatApi(), (x) => ({
      ...all200Body({ [x.ids.mailing]: false }),
      secretariat: { [x.ids.mailing]: true },
    })),
    "api:/api/v1/mailings/{id}": [
      { url: `/api/v1/mailings/${ids.mailing}`, expect: secretariatApi() },
      { url: "/api/v1/mailings/nonexistent", expect: secretariatApi("404") },
    ],
    "api:/api/v1/mailings/{id}/recipients": [
      { url: `/api/v1/mailings/${ids.mailing}/recipients`, expect: secretariatApi() },
      { url: "/api/v1/mailings/nonexistent/recipients", expect: secretariatApi("404") },
    ],
    // POST-only: a GET has no loader to answer it (React Router: 400), whoever asks.
    "api:/api/v1/mailings/{id}/submit": [{ url: `/api/v1/mailings/${ids.mailing}/submit`, expect: all("405") }],
    "api:/api/v1/mailings/{id}/approve": [{ url: `/api/v1/mailings/${ids.mailing}/approve`, expect: all("405") }],
    "api:/api/v1/mailings/{id}/cancel": [{ url: `/api/v1/mailings/${ids.mailing}/cancel`, expect: all("405") }],
    "routes/mailings.unsubscribe.$token": [
      { url: `/mailings/unsubscribe/${tokens.unsubscribe}`, expect: all("200") },
      { url: "/mailings/unsubscribe/Zm9v.forged", expect: all("404") },
    ],
    ...otherCapabilities(w, m),
  };
}

function all200Body(map: Record<string, boolean>): Record<RoleName, Record<string, boolean>> {
  return Object.fromEntries(roles.map((r) => [r, map])) as Record<RoleName, Record<string, boolean>>;
}

function visiblePostsAmongAdvisories(w: SharingE2eWorld) {
  const visible = visiblePosts(w);
  // The STIX export carries published advisories only (drafts stay out even for the secretariat).
  return Object.fromEntries(roles.map((r) => [r, { ...visible[r], [w.titles.draft]: false }])) as Record<
    RoleName,
    Record<string, boolean>
  >;
}

/** The other capabilities' routes, by who may use them. Bogus ids answer 404 to those let in. */
function otherCapabilities(w: SharingE2eWorld, m: Meetings): Record<string, Case[]> {
  const { world } = w;
  const page = (url: string, expect: Record<RoleName, Expectation>): Case[] => [{ url, expect }];
  // POST-only endpoints: a GET has no loader to answer it (React Router: 400), whoever asks.
  const actionOnly = (url: string): Case[] => [{ url, expect: all("400") }];
  // The API's: a GET where the table holds only writes is 405 with Allow, whoever asks.
  const apiActionOnly = (url: string): Case[] => [{ url, expect: all("405") }];
  return {
    "routes/_index": page("/", all("200")),
    "routes/setup": page("/setup", all("302:sign-in")),
    "routes/sign-in._index": page("/sign-in", { ...all("302"), anonymous: "200" }),
    "routes/sign-in.two-factor": page("/sign-in/two-factor", all(["200", "302:sign-in", "302"])),
    "routes/sign-in.magic-link": page("/sign-in/magic-link", { ...all("302"), anonymous: ["200", "302:sign-in"] }),
    "routes/sign-out": page("/sign-out", all(["302", "405", "404"])),
    "routes/lang": page("/lang", all(["302", "405", "404"])),
    "routes/forgot-password": page("/forgot-password", all("200")),
    "routes/reset-password": page("/reset-password", all(["200", "400", "410"])),
    "routes/invite.$token": page("/invite/bogus-token", all(["404", "410"])),
    "routes/account._index": page("/account", signedInPage()),
    "routes/account.two-factor": page("/account/two-factor", signedInPage()),
    "routes/api.auth.$": page("/api/auth/ok", all("200")),
    "api:/api/openapi.json": page("/api/openapi.json", all("200")),
    "api:/api/v1/me": page("/api/v1/me", signedInApi()),
    "routes/secretariat.audit": page("/secretariat/audit", secretariatPage()),
    "routes/secretariat.invitations": page("/secretariat/invitations", secretariatPage()),
    "routes/secretariat.person-links": page("/secretariat/person-links", secretariatPage()),
    "api:/api/v1/people/{id}/account": apiActionOnly(`/api/v1/people/${world.people.named}/account`),
    "api:/api/v1/materials/consent/{token}": page("/api/v1/materials/consent/bogus-token", all("404")),
    "routes/secretariat.outbox._index": page("/secretariat/outbox", secretariatPage()),
    "routes/secretariat.outbox.$id": page("/secretariat/outbox/nonexistent", secretariatPage("404")),
    "routes/secretariat.tokens": page("/secretariat/tokens", secretariatPage()),
    // registry
    "routes/community._index": page("/community", { ...signedInPage("302"), secretariat: "200" }),
    "routes/community.organisations._index": page("/community/organisations", signedInPage()),
    "routes/community.organisations.new": page("/community/organisations/new", secretariatPage()),
    "routes/community.organisations.$id._index": [
      { url: `/community/organisations/${world.orgA}`, expect: signedInPage() },
    ],
    "routes/community.organisations.$id.edit": [
      { url: `/community/organisations/${world.orgA}/edit`, expect: { ...secretariatPage(), member: "200" } },
    ],
    "routes/community.people._index": page("/community/people", signedInPage()),
    // member contacts (and the accounts the registry lets add people) reach the form; saving is checked in core
    "routes/community.people.new": page("/community/people/new", { ...signedInPage() }),
    "routes/community.people.$id._index": page(`/community/people/${world.people.memberA}`, {
      ...signedInPage(),
      otherMember: ["403", "404"],
      groupLead: ["403", "404"],
      speaker: ["403", "404"],
    }),
    "routes/community.people.$id.edit": page(`/community/people/${world.people.memberA}/edit`, {
      ...secretariatPage(),
      member: "200",
    }),
    "routes/community.groups._index": page("/community/groups", signedInPage()),
    "routes/community.groups.new": page("/community/groups/new", secretariatPage()),
    // a group's page is for its members (org-b and the lead are members) and the secretariat;
    // its lead and the secretariat are led on to the group's meetings
    "routes/community.groups.$id._index": [
      {
        url: `/community/groups/${world.groupId}`,
        expect: { ...signedInPage(), member: "403", speaker: "403" },
        body: () => ({
          ...all200Body({}),
          otherMember: { "/community/meetings?groupId=": false },
          groupLead: { "/community/meetings?groupId=": true },
          secretariat: { "/community/meetings?groupId=": true },
        }),
      },
    ],
    "routes/community.groups.$id.edit": page(`/community/groups/${world.groupId}/edit`, {
      ...secretariatPage(),
      groupLead: ["200", "403"],
    }),
    "routes/community.agreements._index": page("/community/agreements", secretariatPage()),
    "routes/community.agreements.new": page("/community/agreements/new", secretariatPage()),
    "routes/community.agreements.$id._index": page("/community/agreements/nonexistent", secretariatPage("404")),
    "routes/community.agreements.$id.edit": page("/community/agreements/nonexistent/edit", secretariatPage("404")),
    // a group lead runs their own group's meetings (PRODUCT.md: "runs a working group, its
    // meetings and minutes"): reads, records and edits them, and no other group's
    "routes/community.meetings._index": [
      {
        url: "/community/meetings",
        expect: { ...secretariatPage(), groupLead: "200" },
        body: () => visibleMeetings(m),
      },
    ],
    "routes/community.meetings.new": page("/community/meetings/new", { ...secretariatPage(), groupLead: "200" }),
    "routes/community.meetings.$id._index": [
      { url: `/community/meetings/${m.own}`, expect: { ...secretariatPage(), groupLead: "200" } },
      { url: `/community/meetings/${m.otherGroup}`, expect: secretariatPage() },
      { url: `/community/meetings/${m.noGroup}`, expect: secretariatPage() },
      { url: "/community/meetings/nonexistent", expect: { ...secretariatPage("404"), groupLead: "404" } },
    ],
    "routes/community.meetings.$id.edit": [
      { url: `/community/meetings/${m.own}/edit`, expect: { ...secretariatPage(), groupLead: "200" } },
      { url: `/community/meetings/${m.otherGroup}/edit`, expect: secretariatPage() },
      { url: "/community/meetings/nonexistent/edit", expect: { ...secretariatPage("404"), groupLead: "404" } },
    ],
    "routes/community.decisions": [
      {
        url: "/community/decisions",
        expect: { ...secretariatPage(), groupLead: "200" },
        body: () => visibleMeetings(m),
      },
    ],
    "routes/community.activities._index": page("/community/activities", secretariatPage()),
    "routes/community.activities.new": page("/community/activities/new", secretariatPage()),
    "routes/community.activities.$id._index": page("/community/activities/nonexistent", secretariatPage("404")),
    "routes/community.activities.$id.edit": page("/community/activities/nonexistent/edit", secretariatPage("404")),
    "api:/api/v1/organisations": page("/api/v1/organisations", signedInApi()),
    "api:/api/v1/organisations/{id}": page(`/api/v1/organisations/${world.orgA}`, signedInApi()),
    "api:/api/v1/organisations/merge": apiActionOnly("/api/v1/organisations/merge"),
    // A company's posture: the secretariat's and its own contacts' only (the community sees rates).
    "api:/api/v1/organisations/{id}/posture": page(`/api/v1/organisations/${world.orgA}/posture`, {
      ...all("403"),
      anonymous: "401",
      member: "200",
      secretariat: "200",
    }),
    "api:/api/v1/people": page("/api/v1/people", signedInApi()),
    "api:/api/v1/people/{id}": page(`/api/v1/people/${world.people.memberA}`, {
      ...signedInApi(),
      otherMember: ["403", "404"],
      groupLead: ["403", "404"],
      speaker: ["403", "404"],
    }),
    "api:/api/v1/groups": page("/api/v1/groups", signedInApi()),
    "api:/api/v1/groups/{id}": page(`/api/v1/groups/${world.groupId}`, {
      ...signedInApi(),
      member: "403",
      speaker: "403",
    }),
    "api:/api/v1/agreements": page("/api/v1/agreements", secretariatApi()),
    "api:/api/v1/agreements/{id}": page("/api/v1/agreements/nonexistent", secretariatApi("404")),
    "api:/api/v1/agreements/{id}/attachments": apiActionOnly("/api/v1/agreements/nonexistent/attachments"),
    "api:/api/v1/agreements/{id}/attachments/{attachmentId}": page(
      "/api/v1/agreements/nonexistent/attachments/nonexistent",
      { ...all(["403", "404"]), anonymous: "401" },
    ),
    "api:/api/v1/meetings": [
      { url: "/api/v1/meetings", expect: { ...secretariatApi(), groupLead: "200" }, body: () => visibleMeetings(m) },
    ],
    "api:/api/v1/meetings/{id}": [
      { url: `/api/v1/meetings/${m.own}`, expect: { ...secretariatApi(), groupLead: "200" } },
      { url: `/api/v1/meetings/${m.otherGroup}`, expect: secretariatApi() },
      { url: `/api/v1/meetings/${m.noGroup}`, expect: secretariatApi() },
      { url: "/api/v1/meetings/nonexistent", expect: { ...secretariatApi("404"), groupLead: "404" } },
    ],
    "api:/api/v1/meetings/decisions": [
      {
        url: "/api/v1/meetings/decisions",
        expect: { ...secretariatApi(), groupLead: "200" },
        body: () => visibleMeetings(m),
      },
    ],
    "api:/api/v1/meetings/decisions/{id}": apiActionOnly("/api/v1/meetings/decisions/nonexistent"),
    "api:/api/v1/activities": page("/api/v1/activities", secretariatApi()),
    "api:/api/v1/registry-imports": apiActionOnly("/api/v1/registry-imports"),
    "api:/api/v1/registry-imports/confirm": apiActionOnly("/api/v1/registry-imports/confirm"),
    "api:/api/v1/activities/{id}": page("/api/v1/activities/nonexistent", secretariatApi("404")),
    // seminars
    "routes/events._index": page("/events", all("200")),
    "routes/events.$id._index": page(`/events/${world.eventId}`, all("200")),
    "routes/events.$id.register": page(`/events/${world.eventId}/register`, all(["200", "410"])),
    "routes/events.$id.calendar[.ics]": page(`/events/${world.eventId}/calendar.ics`, all("200")),
    "routes/events.$id.flyer[.pdf]": page(`/events/${world.eventId}/flyer.pdf`, all("200")),
    "routes/events.ticket.$token": page("/events/ticket/bogus-token", all("404")),
    "routes/events.manage._index": page("/events/manage", secretariatPage()),
    "routes/events.manage.$id._index": page(`/events/manage/${world.eventId}`, secretariatPage()),
    "routes/events.manage.$id.registrations": page(`/events/manage/${world.eventId}/registrations`, secretariatPage()),
    "routes/events.manage.$id.checkin": page(`/events/manage/${world.eventId}/checkin`, secretariatPage()),
    "routes/events.manage.$id.export[.csv]": page(`/events/manage/${world.eventId}/export.csv`, secretariatPage()),
    "routes/events.manage.$id.export[.xlsx]": page(`/events/manage/${world.eventId}/export.xlsx`, secretariatPage()),
    "api:/api/v1/events": page("/api/v1/events", all("200")),
    "api:/api/v1/events/{id}/registrations": page(`/api/v1/events/${world.eventId}/registrations`, secretariatApi()),
    "api:/api/v1/events/{id}/checkins": apiActionOnly(`/api/v1/events/${world.eventId}/checkins`),
    "api:/api/v1/events/{id}/seat-types/{key}": apiActionOnly(`/api/v1/events/${world.eventId}/seat-types/venue`),
    "api:/api/v1/registrations/{id}/cancel": apiActionOnly("/api/v1/registrations/nonexistent/cancel"),
    "api:/api/v1/events/{id}/attendance": apiActionOnly(`/api/v1/events/${world.eventId}/attendance`),
    "api:/api/v1/events/{id}/attendance/preview": apiActionOnly(`/api/v1/events/${world.eventId}/attendance/preview`),
    "api:/api/v1/registrations/{id}/move": apiActionOnly("/api/v1/registrations/nonexistent/move"),
    "api:/api/v1/registrations/{id}/role": apiActionOnly("/api/v1/registrations/nonexistent/role"),
    "api:/api/v1/events/{id}/guests": page(`/api/v1/events/${world.eventId}/guests`, secretariatApi()),
    // surveys
    "routes/s.$id": page("/s/nonexistent", all("404")),
    "routes/s.$id_.conditions": actionOnly("/s/nonexistent/conditions"),
    "routes/surveys._index": page("/surveys", secretariatPage()),
    "routes/surveys.new": page("/surveys/new", secretariatPage()),
    "routes/surveys.$id._index": page("/surveys/nonexistent", secretariatPage("404")),
    "routes/surveys.$id.results": page("/surveys/nonexistent/results", secretariatPage("404")),
    "routes/surveys.$id.import": page("/surveys/nonexistent/import", secretariatPage("404")),
    "routes/surveys.$id.edit": page("/surveys/nonexistent/edit", secretariatPage("404")),
    "routes/surveys.$id.export.$file": page("/surveys/nonexistent/export/responses.csv", secretariatPage("404")),
    "api:/api/v1/surveys": page("/api/v1/surveys", secretariatApi()),
    "api:/api/v1/surveys/{id}/results": page("/api/v1/surveys/nonexistent/results", secretariatApi("404")),
    "api:/api/v1/surveys/{id}/responses": apiActionOnly("/api/v1/surveys/nonexistent/responses"),
    "api:/api/v1/surveys/{id}/text-reviews": apiActionOnly("/api/v1/surveys/nonexistent/text-reviews"),
    "api:/api/v1/surveys/{id}/imports": apiActionOnly("/api/v1/surveys/nonexistent/imports"),
    // the question bank (issue 18): a survey's mapping and canonical results are the secretariat's
    "routes/surveys.$id.mapping": page("/surveys/nonexistent/mapping", secretariatPage("404")),
    "api:/api/v1/surveys/{id}/mapping": page("/api/v1/surveys/nonexistent/mapping", secretariatApi("404")),
    "api:/api/v1/surveys/{id}/canonical-results": page(
      "/api/v1/surveys/nonexistent/canonical-results",
      secretariatApi("404"),
    ),
    // reports
    // ---- the programme office: nobody of a community is its staff, so its pages answer 404 ----
    "api:/api/v1/programmes/{slug}/kpis": page("/api/v1/programmes/kyushu/kpis?fiscalYear=2020", signedInApi("404")),
    "api:/api/v1/programmes/{slug}/questionnaire": page(
      "/api/v1/programmes/kyushu/questionnaire?fiscalYear=2020",
      signedInApi("404"),
    ),
    "routes/programme._index": page("/programme", signedInPage()),
    "routes/programme.$slug._index": page("/programme/kyushu?fiscalYear=2020", signedInPage("404")),
    "routes/programme.$slug.questionnaire": page(
      "/programme/kyushu/questionnaire?fiscalYear=2020",
      signedInPage("404"),
    ),
    "routes/programme.$slug.kpis": page("/programme/kyushu/kpis?fromYear=2020", signedInPage("404")),
    "routes/programme.$slug.report": page("/programme/kyushu/report?fiscalYear=2020&format=docx", signedInPage("404")),
    "routes/programme.$slug.audit": page("/programme/kyushu/audit", signedInPage("404")),
    "routes/reports._index": page("/reports", secretariatPage()),
    "routes/reports.$fy._index": page("/reports/2020", secretariatPage()),
    "routes/reports.$fy.edit": page("/reports/2020/edit", secretariatPage()),
    "api:/api/v1/reports/{fy}": page("/api/v1/reports/2020", secretariatApi()),
    "routes/community.export": page("/community/export", secretariatPage(["200", "400", "422"])),
    "routes/community.import": page("/community/import", secretariatPage()),
    "routes/community.posture-import": page("/community/posture-import", secretariatPage()),
    "api:/api/v1/posture-imports": apiActionOnly("/api/v1/posture-imports"),
    "api:/api/v1/posture-imports/commit": apiActionOnly("/api/v1/posture-imports/commit"),
    "routes/events.manage.$id.figures": page(`/events/manage/${world.eventId}/figures`, secretariatPage()),
    "routes/reports.$fy.export": page("/reports/2020/export", secretariatPage(["200", "422"])),
    // personal data (issue 16 item 4): the public request page and its mailed link; the rest the secretariat's
    "routes/privacy._index": page("/privacy", all("200")),
    "routes/privacy.erase.$token": page("/privacy/erase/pe_forged.eEBleGFtcGxlLmpw", all("410")),
    "routes/secretariat.privacy._index": page("/secretariat/privacy?q=a", secretariatPage()),
    "routes/secretariat.privacy.$id": page(`/secretariat/privacy/${world.people.named}`, secretariatPage()),
    "routes/secretariat.privacy.$id_.export": page(
      `/secretariat/privacy/${world.people.named}/export`,
      secretariatPage(),
    ),
    "routes/secretariat.privacy.$id_.export[.json]": page(
      "/secretariat/privacy/nonexistent/export.json",
      secretariatPage("404"),
    ),
    "routes/secretariat.privacy.$id_.export[.pdf]": page(
      `/secretariat/privacy/${world.people.named}/export.pdf`,
      secretariatPage(),
    ),
    "api:/api/v1/people/{id}/export": page(`/api/v1/people/${world.people.named}/export`, secretariatApi()),
    "api:/api/v1/people/{id}/erase": apiActionOnly("/api/v1/people/nonexistent/erase"),
  };
}

function outcomeOf(response: Response): Outcome {
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get("location") ?? "";
    const pathname = location ? new URL(location, "http://x").pathname : "";
    if (pathname === "/sign-in") return "302:sign-in";
    if (pathname === "/account/two-factor") return "302:two-factor";
    return "302";
  }
  return String(response.status) as Outcome;
}

/** An API token of the world's community for a role (a member's scoped to their organisation). */
async function apiToken(w: SharingE2eWorld, role: "secretariat" | "member", scopeId?: string): Promise<string> {
  const created = await createApiToken(
    { db: w.services.database.db, clock: systemClock },
    { kind: "system", name: "sharing-e2e" },
    { name: `sharing ${role}`, role, scopeId },
  );
  return created.token;
}

describe.each(testDatabases)("role × route on %s", (kind) => {
  let app: AppServer;
  let w: SharingE2eWorld;
  let table: RouteEntry[];
  let meetings: Meetings;

  beforeAll(async () => {
    app = await startAppServer({ database: kind, rateLimits: false, env: { CHIIKI_WORKER: "off" } });
    w = await openSharingWorld(app);
    meetings = await seedMeetings(w);
    table = await loadRouteTable();
  });
  afterAll(async () => {
    await w?.services.close();
    await app?.stop();
  });

  it("classifies every route the app has (a new route fails here until it is classified)", () => {
    const classified = classify(w, meetings);
    const unknown = table.map((r) => r.id).filter((id) => !(id in classified));
    expect(
      unknown,
      `unclassified routes — add them to classify() in tests/e2e/sharing.test.ts:\n${unknown.join("\n")}`,
    ).toEqual([]);
  });

  it("answers every role on every route as the TLP, consent and role rules say", async () => {
    const classified = classify(w, meetings);
    const problems: string[] = [];
    for (const route of table) {
      for (const c of classified[route.id] ?? []) {
        for (const role of roles) {
          const cookie = w.cookies[role];
          const response = await fetch(`${app.baseUrl}${c.url}`, {
            redirect: "manual",
            headers: { ...(cookie ? { Cookie: cookie } : {}), ...c.headers },
          });
          const outcome = outcomeOf(response);
          const expected = [c.expect[role]].flat();
          const text = await response.text();
          if (!expected.includes(outcome))
            problems.push(`${role.padEnd(11)} ${c.url} → ${outcome}, expected ${expected.join("|")}`);
          for (const [needle, present] of Object.entries(c.body?.(w)[role] ?? {})) {
            if (text.includes(needle) !== present)
              problems.push(`${role.padEnd(11)} ${c.url} ${present ? "lacks" : "shows"} “${needle}”`);
          }
        }
      }
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("another community of the installation gets none of this one's records on any route, though its secretariat is the same account", async () => {
    // Saga, created beside the world's community; the world's secretariat account runs it too, so
    // its session is a secretariat's in both: only the community scope keeps the records apart.
    const cli = { kind: "system", name: "sharing-e2e" } as const;
    const saga = await createCommunity({ root: w.services.database.root, clock: systemClock }, cli, {
      slug: "saga",
      name: "佐賀地域SECURITY",
    });
    const secretariat = w.world.actors.secretariat;
    if (secretariat.kind !== "user") throw new Error("the world's secretariat is an account");
    expect(
      await grantSecretariatRole(w.services.forCommunity(saga).accounts, cli, { email: secretariat.email }),
    ).toEqual({
      userId: secretariat.userId,
    });
    // What must never show in Saga: every title, name and address of the world's community.
    const db = w.services.database.db;
    const secrets = [
      ...(await db.selectFrom("posts").select("title as s").execute()),
      ...(await db.selectFrom("talk_materials").select("title as s").execute()),
      ...(await db.selectFrom("organisations").select("name as s").execute()),
      ...(await db.selectFrom("people").select("email as s").where("email", "is not", null).execute()),
      ...(await db.selectFrom("meetings").select("title as s").execute()),
      ...(await db.selectFrom("mailings").select("subject as s").execute()),
      ...(await db.selectFrom("groups").select("name as s").execute()),
    ]
      .map((r) => r.s as string)
      .filter((text) => text.length >= 4);
    expect(secrets.length).toBeGreaterThan(10);
    const cookie = w.cookies.secretariat!;
    // The door reads a new community's slug within a few seconds.
    await expect
      .poll(async () => (await fetch(`${app.baseUrl}/c/saga/`, { headers: { Cookie: cookie } })).status)
      .toBe(200);
    const ids = [
      ...Object.values(w.ids),
      meetings.own,
      meetings.otherGroup,
      meetings.noGroup,
      meetings.otherGroupId,
      ...Object.values(w.tokens),
    ];
    const problems: string[] = [];
    let visited = 0;
    for (const cases of Object.values(classify(w, meetings)))
      for (const c of cases) {
        const url = `/c/saga${c.url}`;
        const response = await fetch(`${app.baseUrl}${url}`, {
          redirect: "manual",
          headers: { Cookie: cookie, ...c.headers },
        });
        visited++;
        const text = await response.text();
        const leaked = secrets.filter((secret) => text.includes(secret));
        if (leaked.length > 0) problems.push(`${url} → ${response.status} shows ${leaked.join(", ")}`);
        // A URL naming one of the world's records (or tokens) finds nothing in Saga.
        if (ids.some((id) => c.url.includes(id)) && response.status < 300)
          problems.push(`${url} → ${response.status}, expected a 404`);
      }
    expect(visited).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });

  it("TLP:RED reaches the person it names on the web, in the API and the personal feed, following the link the secretariat sets on the person page", async () => {
    const get = (path: string, cookie: string) =>
      fetch(`${app.baseUrl}${path}`, { redirect: "manual", headers: { Cookie: cookie } });
    const personPage = (fields: Record<string, string>) =>
      fetch(`${app.baseUrl}/community/people/${w.world.people.named}`, {
        method: "POST",
        redirect: "manual",
        headers: {
          Cookie: w.cookies.secretariat!,
          Origin: app.baseUrl,
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams(fields),
      });
    const feed = `/feed/personal/${await issuePersonalFeedToken(w.services.database.db, systemClock, w.world.actors.named)}`;
    const red = w.titles.red;
    const notice = "TLP:RED の新しい情報があります";
    const reaches = async () => {
      const item = await get(`/posts/${w.ids.red}`, w.namedCookie);
      const apiItem = await get(`/api/v1/posts/${w.ids.red}`, w.namedCookie);
      return {
        page: item.status === 200 && (await item.text()).includes(red),
        list: (await (await get("/posts", w.namedCookie)).text()).includes(red),
        api: apiItem.status === 200 && (await (await get("/api/v1/posts", w.namedCookie)).text()).includes(red),
        // The feed carries RED as a notice only, never its title (docs/security.md).
        feedNotice: (await (await fetch(`${app.baseUrl}${feed}`)).text()).includes(notice),
      };
    };
    const everywhere = { page: true, list: true, api: true, feedNotice: true };
    const nowhere = { page: false, list: false, api: false, feedNotice: false };
    expect(await reaches()).toEqual(everywhere);
    expect(await (await fetch(`${app.baseUrl}${feed}`)).text()).not.toContain(red);
    // Both sides show the link.
    expect(await (await get("/account", w.namedCookie)).text()).toContain("赤井 三郎");
    expect(await (await get(`/community/people/${w.world.people.named}`, w.cookies.secretariat!)).text()).toContain(
      w.world.actors.named.email,
    );

    expect((await personPage({ intent: "unlink-account" })).status).toBe(302);
    expect(await reaches()).toEqual(nowhere);
    expect((await get(`/posts/${w.ids.red}`, w.namedCookie)).status).toBe(404);
    // A wrong address is refused on the form, with its field, and links nothing.
    const wrong = await personPage({ intent: "link-account", accountEmail: "nobody@example.jp" });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain("この e-mail のアカウントはありません");
    expect(await reaches()).toEqual(nowhere);
    expect((await personPage({ intent: "link-account", accountEmail: w.world.actors.named.email })).status).toBe(302);
    expect(await reaches()).toEqual(everywhere);
    // The same through the API, as the secretariat: DELETE unlinks, PUT links by address; a member may not.
    const api = (method: string, cookie: string, body?: object) =>
      fetch(`${app.baseUrl}/api/v1/people/${w.world.people.named}/account`, {
        method,
        headers: { Cookie: cookie, Origin: app.baseUrl, "Content-Type": "application/json" },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    expect((await api("DELETE", w.namedCookie)).status).toBe(403);
    expect(await (await api("DELETE", w.cookies.secretariat!)).json()).toMatchObject({ userId: null });
    expect(await reaches()).toEqual(nowhere);
    const refused = await api("PUT", w.cookies.secretariat!, { accountEmail: "nobody@example.jp" });
    expect(refused.status).toBe(422);
    const relinked = await api("PUT", w.cookies.secretariat!, { accountEmail: w.world.actors.named.email });
    expect(relinked.status).toBe(200);
    expect(await reaches()).toEqual(everywhere);
  });

  it("a group lead records and edits their group's meetings through the page and the API, and no other group's; removing stays the secretariat's", async () => {
    const send = (cookie: string, path: string, method: string, body: URLSearchParams | object) =>
      fetch(`${app.baseUrl}${path}`, {
        method,
        redirect: "manual",
        headers: {
          Cookie: cookie,
          Origin: app.baseUrl,
          "Content-Type": body instanceof URLSearchParams ? "application/x-www-form-urlencoded" : "application/json",
        },
        body: body instanceof URLSearchParams ? body : JSON.stringify(body),
      });
    const lead = w.cookies.groupLead!;
    const form = (fields: Record<string, string>) => new URLSearchParams({ startsAt: "2021-03-09T14:00", ...fields });
    const created = await send(
      lead,
      "/community/meetings/new",
      "POST",
      form({ title: "第4回 情報セキュリティ部会", groupId: w.world.groupId, minutesMarkdown: "## 議事録" }),
    );
    expect(created.status).toBe(302);
    const id = /^\/community\/meetings\/([^/?]+)\?saved=1$/.exec(created.headers.get("location") ?? "")?.[1];
    expect(id).toBeTruthy();
    const noGroup = await send(lead, "/community/meetings/new", "POST", form({ title: "全体会議", groupId: "" }));
    expect(noGroup.status).toBe(422);
    expect(await noGroup.text()).toContain("部会長を務めるグループを選んでください。");
    expect(
      (await send(lead, "/community/meetings/new", "POST", form({ title: "他の会", groupId: meetings.otherGroupId })))
        .status,
    ).toBe(403);
    expect(
      (
        await send(
          w.cookies.member!,
          "/community/meetings/new",
          "POST",
          form({ title: "会員の会", groupId: w.world.groupId }),
        )
      ).status,
    ).toBe(403);

    const patched = await send(lead, `/api/v1/meetings/${id}`, "PATCH", { minutesMarkdown: "- 次回は4月" });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ id, groupId: w.world.groupId, minutesMarkdown: "- 次回は4月" });
    expect((await send(lead, `/api/v1/meetings/${id}`, "PATCH", { groupId: meetings.otherGroupId })).status).toBe(403);
    expect(
      (await send(lead, `/api/v1/meetings/${meetings.otherGroup}`, "PATCH", { minutesMarkdown: "書き換え" })).status,
    ).toBe(403);
    expect((await send(lead, `/api/v1/meetings/${id}`, "DELETE", {})).status).toBe(403);
    const page = await fetch(`${app.baseUrl}/community/meetings/${id}`, { headers: { Cookie: lead } });
    expect(await page.text()).not.toContain('name="confirm"');
  });

  it("the personal feed page rotates and revokes the URL with plain form posts (no JavaScript), audited", async () => {
    const form = (intent: string) =>
      fetch(`${app.baseUrl}/posts/feed`, {
        method: "POST",
        headers: {
          Cookie: w.cookies.otherMember!,
          Origin: app.baseUrl,
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ intent }),
      });
    const issued = await form("issue");
    expect(issued.status).toBe(200);
    const feedPath = /\/feed\/personal\/pf_[A-Za-z0-9_-]+/.exec(await issued.text())?.[0];
    expect(feedPath).toBeDefined();
    expect((await fetch(`${app.baseUrl}${feedPath}`)).status).toBe(200);
    const revoked = await form("revoke");
    expect(await revoked.text()).toContain("フィード URL を無効にしました");
    expect((await fetch(`${app.baseUrl}${feedPath}`)).status).toBe(404);
    const audit = await w.services.database.db
      .selectFrom("audit_events")
      .select("action")
      .where("entity_id", "=", w.world.actors.memberB.userId)
      .where("action", "like", "personal-feed.%")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["personal-feed.rotate", "personal-feed.revoke"]),
    );
  });

  it("the feed subscription page refuses the server's own address and, for a stored one, says why it was not fetched", async () => {
    const form = (fields: Record<string, string>) =>
      fetch(`${app.baseUrl}/posts/feeds`, {
        method: "POST",
        headers: {
          Cookie: w.cookies.secretariat!,
          Origin: app.baseUrl,
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams(fields),
      });
    const own = `${app.baseUrl}/healthz`;
    const refused = await form({ intent: "subscribe", title: "内部", url: own, defaultTlp: "CLEAR" });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("内部ネットワークのアドレス（127.0.0.1）は登録できません");
    await w.services.database.db
      .insertInto("feed_subscriptions")
      .values({
        id: "e2e-internal-feed",
        title: "昔の登録",
        url: own,
        default_tlp: "CLEAR",
        last_fetched_at: null,
        last_error: null,
        last_error_detail: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    expect((await form({ intent: "fetch" })).status).toBe(200);
    const page = await (
      await fetch(`${app.baseUrl}/posts/feeds`, { headers: { Cookie: w.cookies.secretariat! } })
    ).text();
    expect(page).toContain("内部ネットワークのアドレス（127.0.0.1）には接続しません");
    await w.services.database.db.deleteFrom("feed_subscriptions").where("id", "=", "e2e-internal-feed").execute();
  });

  it("POST /api/v1/posts as the issue's contract says; GET answers only what the token may see", async () => {
    const token = (role: "secretariat" | "member", scopeId?: string) => apiToken(w, role, scopeId);
    const call = async (path: string, init: { token?: string; body?: unknown } = {}) => {
      const response = await fetch(`${app.baseUrl}${path}`, {
        method: init.body ? "POST" : "GET",
        headers: {
          ...(init.body ? { "Content-Type": "application/json" } : {}),
          ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
        },
        body: init.body ? JSON.stringify(init.body) : undefined,
      });
      return { status: response.status, type: response.headers.get("content-type") ?? "", body: await response.json() };
    };
    const secretariat = await token("secretariat");
    const memberB = await token("member", w.world.orgB);
    const body = {
      title: "B社向けの注意喚起",
      body: "本文",
      kind: "advisory",
      tlp: "AMBER",
      audience: { organisations: [w.world.orgB] },
    };
    const created = await call("/api/v1/posts", { token: secretariat, body });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String) });
    expect((await call("/api/v1/posts", { body })).status).toBe(401);
    expect((await call("/api/v1/posts", { token: memberB, body })).status).toBe(403);
    const bad = await call("/api/v1/posts", {
      token: secretariat,
      body: { title: "", body: "x", kind: "rumour", tlp: "GREY" },
    });
    expect(bad.status).toBe(422);
    expect(bad.type).toContain("application/problem+json");
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["kind", "title", "tlp"]);
    expect(bad.body.errors[0].message).toMatch(/[ぁ-んァ-ン一-龯]/);
    const seen = await call(`/api/v1/posts/${created.body.id}`, { token: memberB });
    expect(seen).toMatchObject({ status: 200, body: { id: created.body.id, tlp: "AMBER", status: "published" } });
    expect(
      (await call(`/api/v1/posts/${created.body.id}`, { token: await token("member", w.world.orgA) })).status,
    ).toBe(404);
    expect((await call(`/api/v1/posts/${created.body.id}`)).status).toBe(404);
    const list = await call("/api/v1/posts?limit=2", { token: memberB });
    expect(list.body.total).toBe(3); // CLEAR, GREEN and the new AMBER post for org-b
    expect(list.body.items).toHaveLength(2);
  });

  it("PUT /api/v1/{posts,materials}/{id}/shares: the secretariat's only, an unknown community is a 422 naming it, none withdraws all", async () => {
    const secretariat = await apiToken(w, "secretariat");
    const member = await apiToken(w, "member", w.world.orgB);
    const put = async (path: string, token: string, body: unknown) => {
      const response = await fetch(`${app.baseUrl}${path}`, {
        method: "PUT",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    };
    for (const path of [`/api/v1/posts/${w.ids.green}/shares`, `/api/v1/materials/${w.ids.memberSlides}/shares`]) {
      const unknown = await put(path, secretariat, { communities: ["nosuch"] });
      expect(unknown.status, path).toBe(422);
      expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(["communities"]);
      expect(unknown.body.errors[0].message).toMatch(/[ぁ-んァ-ン一-龯]/);
      expect(await put(path, secretariat, { communities: [] }), path).toEqual({
        status: 200,
        body: { communities: [] },
      });
      expect((await put(path, member, { communities: [] })).status, path).toBe(403);
      expect((await put(path.replace(/[0-9a-z]{26}/, "0".repeat(26)), secretariat, { communities: [] })).status).toBe(
        404,
      );
    }
  });

  it("/api/v1/mailings: draft (201), list and read (200), submit, a second user approves, send, per-recipient status, cancel; 401/403/404/409/422", async () => {
    // A token acts for the secretariat user who made it (issue 13, item 3): two people, two tokens.
    const token = async (
      role: "secretariat" | "member",
      name: string,
      scopeId?: string,
      by: Actor = w.world.actors.secretariat,
    ) => (await createApiToken({ db: w.services.database.db, clock: systemClock }, by, { name, role, scopeId })).token;
    const call = async (path: string, init: { token?: string; body?: unknown; post?: boolean; lang?: string } = {}) => {
      const response = await fetch(`${app.baseUrl}${path}`, {
        method: init.body !== undefined || init.post ? "POST" : "GET",
        headers: {
          ...(init.body !== undefined ? { "Content-Type": "application/json" } : {}),
          ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
          ...(init.lang ? { "Accept-Language": init.lang } : {}),
        },
        body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      });
      return {
        status: response.status,
        type: response.headers.get("content-type") ?? "",
        location: response.headers.get("location"),
        body: await response.json(),
      };
    };
    const first = await token("secretariat", "配信担当1");
    const second = await token("secretariat", "配信担当2", undefined, w.world.actors.secretariat2);
    const cli = await token("secretariat", "cron", undefined, { kind: "system", name: "mailings-e2e" });
    const member = await token("member", "会員", w.world.orgA);
    const draft = {
      subject: "{organisation} 御中: 2月のセミナー",
      bodyTemplate: "{name} 様\nご案内です。",
      audience: { kind: "hand-picked", personIds: [w.world.people.memberA, w.world.people.memberB] },
    };

    // who may
    expect((await call("/api/v1/mailings", { body: draft })).status).toBe(401);
    expect((await call("/api/v1/mailings")).status).toBe(401);
    const refused = await call("/api/v1/mailings", { token: member, body: draft });
    expect(refused).toMatchObject({ status: 403, body: { code: "forbidden" } });
    expect(refused.type).toContain("application/problem+json");
    expect((await call("/api/v1/mailings", { token: member })).status).toBe(403);

    // what is valid, said in Japanese unless English is asked for
    const bad = await call("/api/v1/mailings", {
      token: first,
      body: { subject: "", bodyTemplate: "x", audience: { kind: "everyone" }, scheduledAt: "来週" },
    });
    expect(bad.status).toBe(422);
    expect(bad.type).toContain("application/problem+json");
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      "audience.kind",
      "scheduledAt",
      "subject",
    ]);
    for (const e of bad.body.errors) expect(e.message).toMatch(/[ぁ-んァ-ン一-龯]/);
    const unknownGroup = await call("/api/v1/mailings", {
      token: first,
      body: { ...draft, audience: { kind: "group", groupId: "nonexistent" } },
      lang: "en",
    });
    expect(unknownGroup).toMatchObject({
      status: 422,
      body: { code: "validation-failed", errors: [{ field: "audience.groupId", code: "mailings-unknown-audience" }] },
    });
    expect(unknownGroup.body.errors[0].message).toMatch(/does not exist/);
    expect(
      (
        await call("/api/v1/mailings", {
          token: first,
          body: { ...draft, audience: { kind: "sector", sector: "farming" } },
        })
      ).status,
    ).toBe(422);

    // a draft, read back
    const created = await call("/api/v1/mailings", {
      token: first,
      body: { ...draft, scheduledAt: "2021-02-10T12:00" },
    });
    expect(created).toMatchObject({ status: 201, body: { id: expect.any(String) } });
    const id = created.body.id as string;
    expect(created.location).toBe(`/api/v1/mailings/${id}`);
    const read = await call(`/api/v1/mailings/${id}`, { token: second });
    expect(read).toMatchObject({
      status: 200,
      body: {
        id,
        status: "draft",
        subject: draft.subject,
        audience: draft.audience,
        scheduledAt: "2021-02-10T03:00:00.000Z",
        progress: { total: 0, sent: 0, failed: 0, waiting: 0, skipped: 0 },
      },
    });
    expect(await call(`/api/v1/mailings/${id}/recipients`, { token: first })).toMatchObject({
      status: 200,
      body: { items: [], total: 0 },
    });
    const list = await call("/api/v1/mailings?limit=1", { token: first });
    expect(list.status).toBe(200);
    expect(list.body.items.map((m: { id: string }) => m.id)).toEqual([id]);
    expect(list.body.total).toBeGreaterThanOrEqual(2); // this one and the world's
    expect((await call("/api/v1/mailings?limit=1&offset=1", { token: first })).body.items[0].id).not.toBe(id);
    expect((await call("/api/v1/mailings?limit=0", { token: first })).status).toBe(422);
    expect(
      (await call("/api/v1/mailings?status=draft", { token: first })).body.items.every(
        (m: { status: string }) => m.status === "draft",
      ),
    ).toBe(true);

    // 404s
    for (const path of ["/api/v1/mailings/nonexistent", "/api/v1/mailings/nonexistent/recipients"]) {
      expect((await call(path, { token: first })).status, path).toBe(404);
    }
    for (const step of ["submit", "approve", "cancel"]) {
      const missing = await call(`/api/v1/mailings/nonexistent/${step}`, {
        token: first,
        ...(step === "submit" ? { body: {} } : { post: true }),
      });
      expect(missing, step).toMatchObject({ status: 404, body: { code: "not-found" } });
    }

    // submit (the planned time stays), the submitter may not approve, a second user does
    expect(
      (await call(`/api/v1/mailings/${id}/submit`, { token: first, body: { scheduledAt: "いつか" } })).status,
    ).toBe(422);
    expect(await call(`/api/v1/mailings/${id}/approve`, { token: second, post: true })).toMatchObject({
      status: 409,
      body: { code: "conflict" },
    });
    expect(await call(`/api/v1/mailings/${id}/submit`, { token: first, body: {} })).toMatchObject({
      status: 200,
      body: { id, status: "awaiting-approval" },
    });
    expect((await call(`/api/v1/mailings/${id}/submit`, { token: first, body: {} })).status).toBe(409);
    expect((await call(`/api/v1/mailings/${id}/approve`, { token: member, post: true })).status).toBe(403);
    const own = await call(`/api/v1/mailings/${id}/approve`, { token: first, post: true });
    expect(own).toMatchObject({ status: 403, body: { code: "forbidden" } });
    expect(own.body.title).toMatch(/[ぁ-んァ-ン一-龯]/);
    // The submitter in the browser is the same person as their token; a token no person made is nobody.
    const ownPage = await fetch(`${app.baseUrl}/mailings/${id}`, {
      method: "POST",
      redirect: "manual",
      headers: {
        Cookie: w.cookies.secretariat!,
        Origin: app.baseUrl,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ intent: "approve" }),
    });
    expect(ownPage.status).toBe(403);
    expect(await call(`/api/v1/mailings/${id}/approve`, { token: cli, post: true })).toMatchObject({
      status: 403,
      body: { code: "forbidden" },
    });
    expect(await call(`/api/v1/mailings/${id}/approve`, { token: second, post: true })).toMatchObject({
      status: 200,
      body: { id, status: "approved" },
    });
    expect((await call(`/api/v1/mailings/${id}/approve`, { token: second, post: true })).status).toBe(409);
    // Its planned time (2021-02-10) passed while it waited for approval: approving sends it now
    // rather than leaving it overdue (core/mailings/approve-mailing.ts, ADR 027).
    const approved = (await call(`/api/v1/mailings/${id}`, { token: first })).body;
    expect(approved).toMatchObject({ status: "approved" });
    expect(Date.parse(approved.scheduledAt)).toBeGreaterThan(Date.now() - 10 * 60_000);

    // the worker (off in this process) sends it; progress and each recipient's status follow
    await dispatchDueMailings({
      db: w.services.database.db,
      clock: systemClock,
      storage: localStorageOf(app.dataDir),
      baseUrl: app.baseUrl,
      secret: TEST_SECRET,
    });
    const sent = await call(`/api/v1/mailings/${id}`, { token: first });
    expect(sent.body).toMatchObject({
      status: "sent",
      progress: { total: 2, waiting: 2, sent: 0, failed: 0, skipped: 0 },
    });
    expect(sent.body.startedAt).toEqual(expect.any(String));
    const recipients = await call(`/api/v1/mailings/${id}/recipients?limit=1`, { token: first });
    expect(recipients.status).toBe(200);
    expect(recipients.body.total).toBe(2);
    expect(recipients.body.items).toEqual([
      {
        email: expect.stringContaining("@"),
        name: expect.any(String),
        organisationName: expect.any(String),
        status: "pending",
        error: null,
      },
    ]); // in the outbox, not yet delivered (the worker is off)
    const emails = [
      recipients.body.items[0].email,
      (await call(`/api/v1/mailings/${id}/recipients?limit=1&offset=1`, { token: first })).body.items[0].email,
    ].sort();
    expect(emails).toEqual(
      [w.world.actors.memberA.email, w.world.actors.memberB.email].map((e) => e.toLowerCase()).sort(),
    );
    expect((await call(`/api/v1/mailings/${id}/cancel`, { token: first, post: true })).status).toBe(409);
    expect((await call(`/api/v1/mailings/${id}/recipients`, { token: member })).status).toBe(403);

    // cancelling a draft; nothing more can happen to it
    const other = (await call("/api/v1/mailings", { token: first, body: draft })).body.id as string;
    expect(await call(`/api/v1/mailings/${other}/cancel`, { token: second, post: true })).toMatchObject({
      status: 200,
      body: { id: other, status: "cancelled" },
    });
    expect((await call(`/api/v1/mailings/${other}/cancel`, { token: second, post: true })).status).toBe(409);
    expect((await call(`/api/v1/mailings/${other}/submit`, { token: first, body: {} })).status).toBe(409);
    expect((await call(`/api/v1/mailings/${other}`, { token: first })).body.status).toBe("cancelled");
  });

  it("invitation acceptance and the second factor, per role (issue 13): a mailed link signs nobody in", async () => {
    // An invitation to an address that has an account: the member's.
    const member = w.world.actors.memberA;
    const { token } = await inviteUser(
      w.services.accounts,
      { kind: "system", name: "role-route-e2e" },
      { email: member.email, name: "招待", role: "speaker", scopeId: w.world.eventId },
    );
    const url = `${app.baseUrl}/invite/${token}`;
    const post = (cookie: string | null) =>
      fetch(url, {
        method: "POST",
        redirect: "manual",
        headers: {
          ...(cookie ? { Cookie: cookie } : {}),
          Origin: app.baseUrl,
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ newPassword: "mailbox reader 2021", passwordConfirm: "mailbox reader 2021" }),
      });
    const setsSession = (r: Response) =>
      r.headers.getSetCookie().some((c) => /^chiiki\.session_token=[^;]+/.test(c) && !/max-age=0/i.test(c));
    const problems: string[] = [];
    for (const role of roles) {
      const cookie = w.cookies[role];
      const shown = await fetch(url, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
      const text = await shown.text();
      // Only the invited account, signed in, is offered to accept; the public is told to sign in as it.
      const offer =
        role === "member"
          ? `${member.email} のアカウントで承諾する`
          : role === "anonymous"
            ? "ログインして承諾する"
            : "でログインしています";
      if (shown.status !== 200 || !text.includes(offer))
        problems.push(`${role}: GET ${shown.status}, lacks “${offer}”`);
      if (role === "member") continue;
      const accepted = await post(cookie);
      const expected = role === "anonymous" ? 401 : 409;
      if (accepted.status !== expected || setsSession(accepted))
        problems.push(`${role}: POST ${accepted.status} (expected ${expected}), session ${setsSession(accepted)}`);
    }
    expect(problems, problems.join("\n")).toEqual([]);
    expect((await post(w.cookies.member)).headers.get("location")).toBe("/account?welcome=1");

    // The secretariat's password alone (its account has TOTP): no session, so no secretariat page or API.
    const half = await fetch(`${app.baseUrl}/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: app.baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: w.world.actors.secretariat.email, password: PASSWORD, redirectTo: "/" }),
    });
    expect(outcomeOf(half)).toBe("302");
    expect(half.headers.get("location")).toBe("/sign-in/two-factor?redirectTo=%2F");
    expect(setsSession(half)).toBe(false);
    const challenge = half.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    expect(
      outcomeOf(
        await fetch(`${app.baseUrl}/secretariat/invitations`, { redirect: "manual", headers: { Cookie: challenge } }),
      ),
    ).toBe("302:sign-in");
    expect((await fetch(`${app.baseUrl}/api/v1/me`, { headers: { Cookie: challenge } })).status).toBe(401);
  });
});
