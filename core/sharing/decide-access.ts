/**
 * The one access decision for everything the sharing capability serves: posts (advisories, news,
 * incident cases) marked with TLP 2.0, and the materials of a talk, governed by the speaker's
 * consent. Pure: every page, list, search, download, feed, API answer and mailing asks this
 * function with a Viewer built for that request or recipient, so the rules live in one place.
 * docs/access-control.md explains the rules with the same table the tests check.
 */

export const tlpLevels = ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"] as const;
export type Tlp = (typeof tlpLevels)[number];

/**
 * The widest audience a speaker allows, narrowest first: the organisers, the talk's attendees, one
 * named group of the registry (a working group, a research group), the community's members, or
 * everyone.
 */
export const consentScopes = ["organisers", "attendees", "group", "members", "public"] as const;
export type ConsentScope = (typeof consentScopes)[number];

/**
 * What a speaker grants (issue 16, item 3): copyright covers the content they made (the slides,
 * what they say); portrait rights cover their face and voice in a recording or in photos.
 */
export const consentRights = ["copyright", "portrait"] as const;
export type ConsentRight = (typeof consentRights)[number];

/** The media a consent is given for. */
export const consentMedia = ["slides", "recording", "photos"] as const;
export type ConsentMedium = (typeof consentMedia)[number];

/** The rights a medium needs: a recording shows both the slides' content and the speaker. */
export const rightsNeeded: Record<ConsentMedium, readonly ConsentRight[]> = {
  slides: ["copyright"],
  recording: ["copyright", "portrait"],
  photos: ["portrait"],
};

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
  /** Registry groups the viewer belongs to (as a person, through their organisation, or leading it). */
  groupIds: readonly string[];
}

export const publicViewer: Viewer = {
  signedIn: false,
  secretariat: false,
  community: false,
  organisationIds: [],
  personId: null,
  email: null,
  attendedEventIds: [],
  groupIds: [],
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
  /** the group a `group` consent names */
  groupId: string | null;
  rights: readonly ConsentRight[];
  media: readonly ConsentMedium[];
  downloadAllowed: boolean;
  /** A withdrawn consent counts as no consent at all. */
  withdrawn: boolean;
}

export interface MaterialSubject {
  type: "material";
  eventId: string | null;
  /** video is streamed only, never handed out as a file. */
  mediaKind: "document" | "video";
  /** what the material is, for the consent: slides (a document) or a recording (a video) */
  medium: ConsentMedium;
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
  | "group-member"
  | "not-group-member"
  | "right-not-granted"
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
 * the speaker. The consent opens the medium it names, given the rights that medium needs, to the
 * attendees, one named group, the members or everyone; downloading
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
  // A consent opens only the medium it names, and only with every right that medium needs: slides
  // consented with copyright alone are shown; a recording without the speaker's portrait rights is not.
  if (!consent.media.includes(material.medium)) return deny("right-not-granted");
  if (!rightsNeeded[material.medium].every((right) => consent.rights.includes(right))) return deny("right-not-granted");

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
    case "group":
      audience = !viewer.signedIn
        ? deny("not-signed-in")
        : consent.groupId !== null && viewer.groupIds.includes(consent.groupId)
          ? allow("group-member")
          : deny("not-group-member");
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
