/**
 * The one access decision for everything the sharing capability serves: posts (advisories, news,
 * incident cases) marked with TLP 2.0, and the materials of a talk, governed by the speaker's
 * consent. Pure: every page, list, search, download, feed, API answer and mailing asks this
 * function with a Viewer built for that request or recipient, so the rules live in one place.
 * docs/access-control.md explains the rules with the same table the tests check.
 */

export const tlpLevels = ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"] as const;
export type Tlp = (typeof tlpLevels)[number];

/** The widest audience a speaker allows, narrowest first. */
export const consentScopes = ["organisers", "attendees", "members", "public"] as const;
export type ConsentScope = (typeof consentScopes)[number];

/** Who is asking, as far as sharing cares. Built by core/sharing/load-viewer.ts. */
export interface Viewer {
  /** Signed in (a session or an API token); false for the public. */
  signedIn: boolean;
  /** The organisers: the secretariat sees everything, drafts and unconsented material included. */
  secretariat: boolean;
  /** A member or partner of the community (the TLP:GREEN audience); the secretariat counts too. */
  community: boolean;
  /** The organisations the viewer acts for (member grants). */
  organisationIds: readonly string[];
  /** The registry person of this account, if any (RED names people). */
  personId: string | null;
  /** Lower-case e-mail of the account, if any (a speaker is recognised by it). */
  email: string | null;
  /** Events the viewer took part in (a confirmed registration). */
  attendedEventIds: readonly string[];
}

export const publicViewer: Viewer = {
  signedIn: false,
  secretariat: false,
  community: false,
  organisationIds: [],
  personId: null,
  email: null,
  attendedEventIds: [],
};

export interface PostSubject {
  type: "post";
  status: "draft" | "published";
  tlp: Tlp;
  audienceOrganisationIds: readonly string[];
  audiencePersonIds: readonly string[];
}

export interface MaterialConsent {
  scope: ConsentScope;
  downloadAllowed: boolean;
  /** A withdrawn consent counts as no consent at all. */
  withdrawn: boolean;
}

export interface MaterialSubject {
  type: "material";
  eventId: string | null;
  /** video is streamed only, never handed out as a file. */
  mediaKind: "document" | "video";
  speakerEmail: string | null;
  consent: MaterialConsent | null;
}

export type Subject = PostSubject | MaterialSubject;
export type AccessAction = "view" | "download";

export type AccessReason =
  | "secretariat"
  | "public"
  | "community"
  | "listed-organisation"
  | "named-person"
  | "speaker"
  | "attendee"
  | "draft"
  | "not-signed-in"
  | "not-community"
  | "organisation-not-listed"
  | "person-not-named"
  | "no-consent"
  | "not-attendee"
  | "view-only"
  | "stream-only";

export interface AccessDecision {
  allowed: boolean;
  reason: AccessReason;
}

const allow = (reason: AccessReason): AccessDecision => ({ allowed: true, reason });
const deny = (reason: AccessReason): AccessDecision => ({ allowed: false, reason });

export function decideAccess(viewer: Viewer, subject: Subject, action: AccessAction = "view"): AccessDecision {
  return subject.type === "post" ? decidePost(viewer, subject) : decideMaterial(viewer, subject, action);
}

/** Attachments of a post go wherever the post goes: viewing and downloading are one decision. */
function decidePost(viewer: Viewer, post: PostSubject): AccessDecision {
  if (viewer.secretariat) return allow("secretariat");
  if (post.status !== "published") return deny("draft");
  switch (post.tlp) {
    case "CLEAR":
      return allow("public");
    case "GREEN":
      if (!viewer.signedIn) return deny("not-signed-in");
      return viewer.community ? allow("community") : deny("not-community");
    case "AMBER":
      if (!viewer.signedIn) return deny("not-signed-in");
      return viewer.organisationIds.some((id) => post.audienceOrganisationIds.includes(id))
        ? allow("listed-organisation")
        : deny("organisation-not-listed");
    case "AMBER+STRICT": {
      if (!viewer.signedIn) return deny("not-signed-in");
      // Exactly one organisation: a post listing several is shown to none of them.
      const only = post.audienceOrganisationIds.length === 1 ? post.audienceOrganisationIds[0]! : null;
      return only !== null && viewer.organisationIds.includes(only)
        ? allow("listed-organisation")
        : deny("organisation-not-listed");
    }
    case "RED":
      if (!viewer.signedIn) return deny("not-signed-in");
      return viewer.personId !== null && post.audiencePersonIds.includes(viewer.personId)
        ? allow("named-person")
        : deny("person-not-named");
  }
}

/**
 * Until the speaker consents (or after they withdraw), a material stays with the organisers and
 * the speaker. The consent's scope then opens it to attendees, members or everyone; downloading
 * needs the speaker's explicit permission, and a video is never a download.
 */
function decideMaterial(viewer: Viewer, material: MaterialSubject, action: AccessAction): AccessDecision {
  const isSpeaker =
    viewer.signedIn &&
    viewer.email !== null &&
    material.speakerEmail !== null &&
    viewer.email === material.speakerEmail.toLowerCase();
  if (action === "download" && material.mediaKind === "video") return deny("stream-only");
  if (viewer.secretariat) return allow("secretariat");
  if (isSpeaker) return allow("speaker");
  const consent = material.consent && !material.consent.withdrawn ? material.consent : null;
  if (!consent || consent.scope === "organisers") return deny("no-consent");

  let audience: AccessDecision;
  switch (consent.scope) {
    case "public":
      audience = allow("public");
      break;
    case "members":
      audience = !viewer.signedIn
        ? deny("not-signed-in")
        : viewer.community
          ? allow("community")
          : deny("not-community");
      break;
    case "attendees":
      audience = !viewer.signedIn
        ? deny("not-signed-in")
        : material.eventId !== null && viewer.attendedEventIds.includes(material.eventId)
          ? allow("attendee")
          : deny("not-attendee");
      break;
  }
  if (!audience.allowed || action === "view") return audience;
  return consent.downloadAllowed ? audience : deny("view-only");
}
