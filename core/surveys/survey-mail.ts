import { formatDateTime } from "../../i18n/dates.ts";
import { createTranslate, type Locale } from "../../i18n/index.ts";

/** The invitation and reminder mails of a survey, in the recipient's language. */
export function renderSurveyMail(
  kind: "invitation" | "reminder" | "reminder-resume",
  data: { title: string; url: string; closesAt: string | null; community: string; locale: Locale },
): { subject: string; text: string } {
  const t = createTranslate(data.locale);
  const params = {
    title: data.title,
    url: data.url,
    community: data.community,
    closes: data.closesAt ? formatDateTime(data.closesAt, data.locale) : "—",
  };
  const subject = t(kind === "invitation" ? "surveys.mail.invitationSubject" : "surveys.mail.reminderSubject", params);
  const body = t(
    kind === "invitation"
      ? "surveys.mail.invitationBody"
      : kind === "reminder"
        ? "surveys.mail.reminderBody"
        : "surveys.mail.reminderResumeBody",
    params,
  );
  return {
    subject,
    text: [body, t("surveys.mail.privacy"), t("mail.footer", { community: data.community })].join("\n\n"),
  };
}
