/**
 * A public survey's respondent asks for a link to go on answering on another device: the link
 * carries their resume secret (the one in this browser's cookie), so it opens the same saved
 * answers. The address is used for this one mail only: it is stored nowhere but in the outbox
 * message that delivers it, and never next to the response. One mail per secret and address.
 */
import { z } from "zod";
import { sha256 } from "../shared/crypto.ts";
import { AppError } from "../shared/errors.ts";
import { getCommunityName } from "../accounts/get-community-name.ts";
import { enqueueMail } from "../mail/enqueue-mail.ts";
import { createTranslate, type Locale } from "../../i18n/index.ts";
import type { SurveysDeps } from "./deps.ts";
import { resumeHashOf } from "./resume.ts";

const address = z.email().max(254);

/** The query parameter of the mailed link; the answering route turns it into the resume cookie. */
export const RESUME_PARAMETER = "r";

export async function mailResumeLink(
  deps: SurveysDeps,
  input: { surveyId: string; title: string; email: unknown; resumeSecret: string; locale: Locale },
): Promise<void> {
  const email = address.safeParse(typeof input.email === "string" ? input.email.trim() : input.email);
  if (!email.success) throw new AppError("validation-failed", { fields: [{ field: "_email", code: "email" }] });
  // Anyone may type any address: at most 3 such mails per mailbox and hour (a+tag@x is a@x).
  await deps.limitRate?.({
    key: `survey-resume:email:${email.data.toLowerCase().replace(/\+[^@]*(?=@)/, "")}`,
    limit: 3,
    windowMs: 60 * 60_000,
  });
  const community = await getCommunityName(deps);
  const t = createTranslate(input.locale);
  const params = {
    community,
    title: input.title,
    url: `${deps.baseUrl}/s/${input.surveyId}?${RESUME_PARAMETER}=${encodeURIComponent(input.resumeSecret)}`,
  };
  const queued = await enqueueMail(
    deps.db,
    deps.clock,
    {
      to: email.data,
      subject: t("surveys.mail.resumeSubject", params),
      text: [t("surveys.mail.resumeBody", params), t("surveys.mail.privacy"), t("mail.footer", { community })].join(
        "\n\n",
      ),
      dedupeKey: `survey-resume:${resumeHashOf(input.resumeSecret)}:${sha256(email.data.toLowerCase())}`,
    },
    new URL(deps.baseUrl).hostname,
  );
  if (queued) deps.onMailQueued?.();
}
