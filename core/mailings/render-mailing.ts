import { createHmac } from "node:crypto";
import { safeEqual } from "../shared/crypto.ts";
import type { Recipient } from "./resolve-audience.ts";

/** Fills {name} and {organisation}; an unknown {field} stays as written, so a typo is visible in the preview. */
export function mergeFields(template: string, recipient: Pick<Recipient, "name" | "organisationName">): string {
  const values: Record<string, string> = {
    name: recipient.name || "ご担当者",
    organisation: recipient.organisationName ?? "",
  };
  return template.replace(/\{(name|organisation)\}/g, (_, field: string) => values[field]!);
}

/** Unsubscribe links carry the address and its HMAC: nothing to store, nothing to guess. */
export function unsubscribeToken(secret: string, email: string): string {
  const address = Buffer.from(email.toLowerCase()).toString("base64url");
  const mac = createHmac("sha256", secret)
    .update(`unsubscribe:${email.toLowerCase()}`)
    .digest("base64url")
    .slice(0, 32);
  return `${address}.${mac}`;
}

export function emailFromUnsubscribeToken(secret: string, token: string): string | null {
  const [address, mac] = token.split(".");
  if (!address || !mac) return null;
  const email = Buffer.from(address, "base64url").toString("utf8");
  return safeEqual(unsubscribeToken(secret, email), token) ? email : null;
}

export interface RenderedMailing {
  subject: string;
  text: string;
  headers: Record<string, string>;
}

/**
 * One recipient's message: merge fields, the carried post (if any), and the unsubscribe link in
 * the text and in List-Unsubscribe / List-Unsubscribe-Post (RFC 8058 one-click), as announcements need.
 */
export function renderMailing(
  mailing: { subject: string; bodyTemplate: string },
  recipient: Recipient,
  context: {
    baseUrl: string;
    secret: string;
    communityName: string;
    post: { id: string; title: string; tlp: string; summary: string } | null;
  },
): RenderedMailing {
  const unsubscribeUrl = `${context.baseUrl}/mailings/unsubscribe/${unsubscribeToken(context.secret, recipient.email)}`;
  const parts = [mergeFields(mailing.bodyTemplate, recipient)];
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
    ["", "―――", `${context.communityName}`, "配信停止（今後この種のお知らせを受け取らない）:", unsubscribeUrl].join(
      "\n",
    ),
  );
  return {
    subject: mergeFields(mailing.subject, recipient),
    text: parts.join("\n"),
    headers: { "List-Unsubscribe": `<${unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}
