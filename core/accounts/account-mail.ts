import { createTranslate, type Locale } from "../../i18n/index.ts";

export type AccountMailTemplate = "magic-link" | "magic-link-refused" | "reset-password" | "invitation";

/**
 * Plain-text account mails in the recipient's language (Japanese unless they chose English), in the
 * name of the community they were asked at (its subject tag, greeting and footer).
 */
export function renderAccountMail(
  template: AccountMailTemplate,
  data: { url: string; name: string; locale: Locale; minutes?: number; inviter?: string; community?: string },
): { subject: string; text: string } {
  const t = createTranslate(data.locale);
  const community = data.community ?? "Chiiki";
  const greeting = data.name ? t("mail.greeting", { name: data.name }) : t("mail.greetingAnonymous", { community });
  const footer = t("mail.footer", { community });
  const params = { url: data.url, minutes: data.minutes ?? 15, inviter: data.inviter ?? "", community };
  switch (template) {
    case "magic-link":
      return {
        subject: t("mail.magicLink.subject", params),
        text: [greeting, t("mail.magicLink.body", params), footer].join("\n\n"),
      };
    case "magic-link-refused":
      return {
        subject: t("mail.magicLinkRefused.subject", params),
        text: [greeting, t("mail.magicLinkRefused.body", params), footer].join("\n\n"),
      };
    case "reset-password":
      return {
        subject: t("mail.resetPassword.subject", params),
        text: [greeting, t("mail.resetPassword.body", params), footer].join("\n\n"),
      };
    case "invitation":
      return {
        subject: t("mail.invitation.subject", params),
        text: [greeting, t("mail.invitation.body", params), footer].join("\n\n"),
      };
  }
}
