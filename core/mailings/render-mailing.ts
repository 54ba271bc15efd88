import { createHmac } from "node:crypto";
import { type Locale, translate } from "../../i18n/index.ts";
import { safeEqual } from "../shared/crypto.ts";
import type { Recipient } from "./resolve-audience.ts";

/** Fills {name} and {organisation}; an unknown {field} stays as written, so a typo is visible in the preview. */
export function mergeFields(
  template: string,
  recipient: Pick<Recipient, "name" | "organisationName">,
  locale: Locale = "ja",
): string {
  const values: Record<string, string> = {
    name: recipient.name || translate(locale, "mailings.mail.nameFallback"),
    organisation: recipient.organisationName ?? "",
  };
  return template.replace(/\{(name|organisation)\}/g, (_, field: string) => values[field]!);
}

/** Unsubscribe links carry the address and its HMAC: nothing to store, nothing to guess. */
/**
 * The unsubscribe token of an address in a community: the address and an HMAC bound to that
 * community, so that a link one community mailed stops no other community's mail. Without a
 * community, the HMAC of the address alone: the form mailed before communities existed, still
 * accepted in the first community (unsubscribe.ts).
 */
export function unsubscribeToken(secret: string, email: string, communityId?: string): string {
  const address = Buffer.from(email.toLowerCase()).toString("base64url");
  const mac = createHmac("sha256", secret)
    .update(communityId ? `unsubscribe:${communityId}:${email.toLowerCase()}` : `unsubscribe:${email.toLowerCase()}`)
    .digest("base64url")
    .slice(0, 32);
  return `${address}.${mac}`;
}

/** The address of a token genuine for the community (or, without one, of the old form); else null. */
export function emailFromUnsubscribeToken(secret: string, token: string, communityId?: string): string | null {
  const [address, mac] = token.split(".");
  if (!address || !mac) return null;
  const email = Buffer.from(address, "base64url").toString("utf8");
  return safeEqual(unsubscribeToken(secret, email, communityId), token) ? email : null;
}

export interface RenderedMailing {
  /** The language it is written in: the recipient's, when the mailing has that version; else Japanese. */
  locale: Locale;
  subject: string;
  text: string;
  headers: Record<string, string>;
}

/**
 * One recipient's message, in their language when the mailing has an English version (else
 * Japanese, the mailing's own language): merge fields, the carried post (if any), and the unsubscribe link in
 * the text and in List-Unsubscribe / List-Unsubscribe-Post (RFC 8058 one-click), as announcements need.
 */
export function renderMailing(
  mailing: { subject: string; bodyTemplate: string; subjectEn: string | null; bodyTemplateEn: string | null },
  recipient: Pick<Recipient, "email" | "name" | "organisationName" | "locale">,
  context: {
    baseUrl: string;
    secret: string;
    /** The sending community, whose unsubscribe link this is (absent: the old, unbound form). */
    communityId?: string;
    communityName: string;
    post: { id: string; title: string; tlp: string; summary: string } | null;
  },
): RenderedMailing {
  const token = unsubscribeToken(context.secret, recipient.email, context.communityId);
  const unsubscribeUrl = `${context.baseUrl}/mailings/unsubscribe/${token}`;
  const english = recipient.locale === "en" && mailing.subjectEn && mailing.bodyTemplateEn;
  const locale: Locale = english ? "en" : "ja";
  const subject = english ? mailing.subjectEn! : mailing.subject;
  const body = english ? mailing.bodyTemplateEn! : mailing.bodyTemplate;
  const parts = [mergeFields(body, recipient, locale)];
  if (context.post) {
    parts.push(
      [
        "",
        `■ [TLP:${context.post.tlp}] ${context.post.title}`,
        context.post.summary,
        `${context.baseUrl}/posts/${context.post.id}`,
      ]
        .filter((l) => l !== undefined)
        .join("\n"),
    );
  }
  parts.push(
    ["", "―――", `${context.communityName}`, translate(locale, "mailings.mail.unsubscribe"), unsubscribeUrl].join("\n"),
  );
  return {
    locale,
    subject: mergeFields(subject, recipient, locale),
    text: parts.join("\n"),
    headers: { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}
