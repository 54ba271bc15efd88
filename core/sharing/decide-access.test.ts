import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  type ConsentMedium,
  consentMedia,
  consentRights,
  consentScopes,
  decideAccess,
  rightsNeeded,
  publicViewer,
  tlpLevels,
  type AccessAction,
  type MaterialConsent,
  type PostSubject,
  type Subject,
  type Tlp,
  type Viewer,
} from "./decide-access.ts";

/**
 * The whole rule set as one table: every kind of viewer against every kind of subject and both
 * actions. docs/access-control.md shows the same table; change one, change the other.
 */
const viewers = {
  public: publicViewer,
  outsider: { ...publicViewer, signedIn: true, organisationIds: ["org-x"], personId: "p-x", email: "x@other.example" },
  memberA: {
    ...publicViewer,
    signedIn: true,
    community: true,
    organisationIds: ["org-a"],
    personId: "p-a",
    email: "a@a.example",
  },
  memberB: {
    ...publicViewer,
    signedIn: true,
    community: true,
    organisationIds: ["org-b"],
    personId: "p-b",
    email: "b@b.example",
    groupIds: ["g-1"],
  },
  named: {
    ...publicViewer,
    signedIn: true,
    community: true,
    organisationIds: ["org-a"],
    personId: "p-red",
    email: "red@a.example",
  },
  attendee: {
    ...publicViewer,
    signedIn: true,
    organisationIds: [],
    personId: "p-t",
    email: "t@guest.example",
    attendedEventIds: ["ev-1"],
  },
  speaker: { ...publicViewer, signedIn: true, personId: null, email: "speaker@police.example" },
  secretariat: { ...publicViewer, signedIn: true, secretariat: true, community: true, email: "office@nisa.example" },
} satisfies Record<string, Viewer>;
type ViewerName = keyof typeof viewers;
const columns = Object.keys(viewers) as ViewerName[];

const post = (tlp: Tlp, extra: Partial<PostSubject> = {}): Subject => ({
  type: "post",
  status: "published",
  tlp,
  audienceOrganisationIds: [],
  audiencePersonIds: [],
  ...extra,
});
/** A consent as the form records it: unless said otherwise, the rights and medium the material needs. */
type Grant = Pick<MaterialConsent, "scope" | "downloadAllowed" | "withdrawn"> & Partial<MaterialConsent>;
const material = (grant: Grant | null, mediaKind: "document" | "video" = "document"): Subject => {
  const medium: ConsentMedium = mediaKind === "video" ? "recording" : "slides";
  return {
    type: "material",
    eventId: "ev-1",
    mediaKind,
    medium,
    speakerEmail: "Speaker@Police.example",
    consent: grant ? { groupId: null, rights: rightsNeeded[medium], media: [medium], ...grant } : null,
  };
};

// Columns: public outsider memberA memberB named attendee speaker secretariat
const table: [string, Subject, AccessAction, string][] = [
  ["CLEAR", post("CLEAR"), "view", "Y Y Y Y Y Y Y Y"],
  ["GREEN", post("GREEN"), "view", "- - Y Y Y - - Y"],
  ["AMBER to org-a", post("AMBER", { audienceOrganisationIds: ["org-a"] }), "view", "- - Y - Y - - Y"],
  ["AMBER to org-a, org-b", post("AMBER", { audienceOrganisationIds: ["org-a", "org-b"] }), "view", "- - Y Y Y - - Y"],
  ["AMBER to nobody", post("AMBER"), "view", "- - - - - - - Y"],
  ["AMBER+STRICT to org-b", post("AMBER+STRICT", { audienceOrganisationIds: ["org-b"] }), "view", "- - - Y - - - Y"],
  [
    "AMBER+STRICT listing two orgs",
    post("AMBER+STRICT", { audienceOrganisationIds: ["org-a", "org-b"] }),
    "view",
    "- - - - - - - Y",
  ],
  [
    "RED to p-red",
    post("RED", { audiencePersonIds: ["p-red"], audienceOrganisationIds: ["org-a"] }),
    "view",
    "- - - - Y - - Y",
  ],
  ["RED to nobody", post("RED"), "view", "- - - - - - - Y"],
  ["CLEAR draft", post("CLEAR", { status: "draft" }), "view", "- - - - - - - Y"],
  ["GREEN draft", post("GREEN", { status: "draft" }), "download", "- - - - - - - Y"],
  ["CLEAR attachment", post("CLEAR"), "download", "Y Y Y Y Y Y Y Y"],
  ["AMBER attachment to org-a", post("AMBER", { audienceOrganisationIds: ["org-a"] }), "download", "- - Y - Y - - Y"],
  ["slides, consent pending", material(null), "view", "- - - - - - Y Y"],
  ["slides, consent pending", material(null), "download", "- - - - - - Y Y"],
  [
    "slides, organisers only",
    material({ scope: "organisers", downloadAllowed: true, withdrawn: false }),
    "view",
    "- - - - - - Y Y",
  ],
  [
    "slides, attendees, view only",
    material({ scope: "attendees", downloadAllowed: false, withdrawn: false }),
    "view",
    "- - - - - Y Y Y",
  ],
  [
    "slides, attendees, view only",
    material({ scope: "attendees", downloadAllowed: false, withdrawn: false }),
    "download",
    "- - - - - - Y Y",
  ],
  [
    "slides, members, view only",
    material({ scope: "members", downloadAllowed: false, withdrawn: false }),
    "view",
    "- - Y Y Y - Y Y",
  ],
  [
    "slides, members, view only",
    material({ scope: "members", downloadAllowed: false, withdrawn: false }),
    "download",
    "- - - - - - Y Y",
  ],
  [
    "slides, members, download",
    material({ scope: "members", downloadAllowed: true, withdrawn: false }),
    "download",
    "- - Y Y Y - Y Y",
  ],
  [
    "slides, public, download",
    material({ scope: "public", downloadAllowed: true, withdrawn: false }),
    "download",
    "Y Y Y Y Y Y Y Y",
  ],
  [
    "slides, public, view only",
    material({ scope: "public", downloadAllowed: false, withdrawn: false }),
    "download",
    "- - - - - - Y Y",
  ],
  [
    "slides, public consent withdrawn",
    material({ scope: "public", downloadAllowed: true, withdrawn: true }),
    "view",
    "- - - - - - Y Y",
  ],
  [
    "video, members",
    material({ scope: "members", downloadAllowed: true, withdrawn: false }, "video"),
    "view",
    "- - Y Y Y - Y Y",
  ],
  [
    "slides, group g-1, view only",
    material({ scope: "group", groupId: "g-1", downloadAllowed: false, withdrawn: false }),
    "view",
    "- - - Y - - Y Y",
  ],
  [
    "slides, members, no right granted",
    material({ scope: "members", rights: [], downloadAllowed: true, withdrawn: false }),
    "view",
    "- - - - - - Y Y",
  ],
  [
    "slides, members, consent for the recording only",
    material({ scope: "members", media: ["recording"], downloadAllowed: true, withdrawn: false }),
    "view",
    "- - - - - - Y Y",
  ],
  [
    "video, members, copyright without portrait rights",
    material({ scope: "members", rights: ["copyright"], downloadAllowed: false, withdrawn: false }, "video"),
    "view",
    "- - - - - - Y Y",
  ],
  [
    "video, public with download",
    material({ scope: "public", downloadAllowed: true, withdrawn: false }, "video"),
    "download",
    "- - - - - - - -",
  ],
];

describe("decideAccess: the rule table", () => {
  it.each(table)("%s (%s → %s)", (_name, subject, action, expected) => {
    const actual = columns.map((c) => (decideAccess(viewers[c], subject, action).allowed ? "Y" : "-")).join(" ");
    expect(`${columns.join(" ")}\n${actual}`).toBe(`${columns.join(" ")}\n${expected}`);
  });

  it("covers every TLP level and every consent scope", () => {
    const tlps = new Set(table.map(([, s]) => (s.type === "post" ? s.tlp : null)).filter(Boolean));
    const scopes = new Set(table.map(([, s]) => (s.type === "material" ? s.consent?.scope : null)).filter(Boolean));
    expect([...tlps].sort()).toEqual([...tlpLevels].sort());
    expect([...scopes].sort()).toEqual([...consentScopes].sort());
  });

  it("gives a reason for every refusal", () => {
    expect(decideAccess(publicViewer, post("GREEN"))).toEqual({ allowed: false, reason: "not-signed-in" });
    expect(decideAccess(viewers.outsider, post("GREEN"))).toEqual({ allowed: false, reason: "not-community" });
    expect(decideAccess(viewers.memberB, material(null))).toEqual({ allowed: false, reason: "no-consent" });
    expect(
      decideAccess(
        viewers.memberA,
        material({ scope: "members", downloadAllowed: false, withdrawn: false }),
        "download",
      ),
    ).toEqual({ allowed: false, reason: "view-only" });
    expect(
      decideAccess(
        viewers.secretariat,
        material({ scope: "public", downloadAllowed: true, withdrawn: false }, "video"),
        "download",
      ),
    ).toEqual({ allowed: false, reason: "stream-only" });
  });
});

describe("decideAccess: properties over random viewers and subjects", () => {
  const viewer = fc
    .record({
      signedIn: fc.boolean(),
      secretariat: fc.boolean(),
      community: fc.boolean(),
      organisationIds: fc.subarray(["org-a", "org-b", "org-c"]),
      personId: fc.option(fc.constantFrom("p-1", "p-2"), { nil: null }),
      email: fc.option(fc.constantFrom("s@x.example", "m@x.example"), { nil: null }),
      attendedEventIds: fc.subarray(["ev-1", "ev-2"]),
      groupIds: fc.subarray(["g-1", "g-2"]),
    })
    .map((v): Viewer => (v.signedIn ? v : { ...publicViewer }));
  const postSubject = fc.record({
    type: fc.constant("post" as const),
    status: fc.constantFrom("draft" as const, "published" as const),
    tlp: fc.constantFrom(...tlpLevels),
    audienceOrganisationIds: fc.subarray(["org-a", "org-b", "org-c"]),
    audiencePersonIds: fc.subarray(["p-1", "p-2"]),
  });
  const materialSubject = fc
    .record({
      type: fc.constant("material" as const),
      eventId: fc.constantFrom("ev-1", "ev-2"),
      mediaKind: fc.constantFrom("document" as const, "video" as const),
      speakerEmail: fc.constantFrom("s@x.example", null),
      consent: fc.option(
        fc.record({
          scope: fc.constantFrom(...consentScopes),
          groupId: fc.option(fc.constantFrom("g-1", "g-2"), { nil: null }),
          rights: fc.subarray([...consentRights]),
          media: fc.subarray([...consentMedia]),
          downloadAllowed: fc.boolean(),
          withdrawn: fc.boolean(),
        }),
        { nil: null },
      ),
    })
    .map((m) => ({ ...m, medium: (m.mediaKind === "video" ? "recording" : "slides") as ConsentMedium }));
  const subject = fc.oneof(postSubject, materialSubject);

  it("the public only ever sees CLEAR posts and publicly consented material", () => {
    fc.assert(
      fc.property(subject, fc.constantFrom<AccessAction>("view", "download"), (s, action) => {
        if (!decideAccess(publicViewer, s, action).allowed) return;
        if (s.type === "post") expect([s.status, s.tlp]).toEqual(["published", "CLEAR"]);
        else expect(s.consent).toMatchObject({ scope: "public", withdrawn: false });
      }),
    );
  });

  it("whoever may download may view, and nobody downloads a video", () => {
    fc.assert(
      fc.property(viewer, subject, (v, s) => {
        if (decideAccess(v, s, "download").allowed) {
          expect(decideAccess(v, s, "view").allowed).toBe(true);
          if (s.type === "material") expect(s.mediaKind).toBe("document");
        }
      }),
    );
  });

  it("a material without a standing consent reaches only the secretariat and its speaker", () => {
    fc.assert(
      fc.property(viewer, materialSubject, (v, s) => {
        const standing = s.consent && !s.consent.withdrawn && s.consent.scope !== "organisers";
        if (!standing && decideAccess(v, s).allowed)
          expect(v.secretariat || (v.email !== null && v.email === s.speakerEmail)).toBe(true);
      }),
    );
  });

  it("a material reaches beyond the organisers only with every right its medium needs, for that medium", () => {
    fc.assert(
      fc.property(viewer, materialSubject, (v, s) => {
        if (v.secretariat || (v.email !== null && v.email === s.speakerEmail)) return;
        if (!decideAccess(v, s).allowed) return;
        expect(s.consent?.media).toContain(s.medium);
        for (const right of rightsNeeded[s.medium]) expect(s.consent?.rights).toContain(right);
      }),
    );
  });

  it("a group consent reaches only that group's members beyond the organisers", () => {
    fc.assert(
      fc.property(viewer, materialSubject, (v, s) => {
        if (s.consent?.scope !== "group" || v.secretariat || v.email === s.speakerEmail) return;
        if (decideAccess(v, s).allowed) expect(v.groupIds).toContain(s.consent.groupId);
      }),
    );
  });

  it("drafts are the secretariat's alone", () => {
    fc.assert(
      fc.property(viewer, postSubject, (v, s) => {
        if (s.status === "draft" && decideAccess(v, s).allowed) expect(v.secretariat).toBe(true);
      }),
    );
  });
});
