import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { accountLocales } from "../accounts/account-locales.ts";
import { getCommunityName } from "../accounts/get-community-name.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { enqueueMail } from "../mail/enqueue-mail.ts";
import { newSecretToken, sha256 } from "../shared/crypto.ts";
import type { Locale } from "./definition.ts";
import type { SurveysDeps } from "./deps.ts";
import { findSurvey } from "./find-survey.ts";
import { renderSurveyMail } from "./survey-mail.ts";

/**
 * Reminds everyone invited who has not completed. We keep only token hashes, so a reminder to
 * someone who has not started carries a fresh link (the old one stops working); someone who has
 * started keeps their original link, where their saved answers wait, and is pointed back to it.
 * Each is written in their account's language; `locale` is for those without an account.
 */
export async function sendReminders(
  deps: SurveysDeps,
  actor: Actor,
  surveyId: string,
  locale: Locale = "ja",
): Promise<{ reminded: number }> {
  requireSecretariat(actor);
  const survey = await findSurvey(deps.db, surveyId);
  const community = await getCommunityName(deps);
  let reminded = 0;
  await deps.db.transaction().execute(async (trx) => {
    const pending = await trx
      .selectFrom("survey_invitations")
      .selectAll()
      .where("survey_id", "=", survey.id)
      .where("state", "!=", "completed")
      .execute();
    const localeOf = await accountLocales(
      trx,
      pending.map((p) => ({ email: p.email, personId: p.person_id })),
    );
    const at = deps.clock.now().toISOString();
    for (const invitation of pending) {
      let url = `${deps.baseUrl}/s/${survey.id}`;
      if (invitation.state === "invited") {
        const token = newSecretToken();
        await trx
          .updateTable("survey_invitations")
          .set({ token_hash: sha256(token) })
          .where("id", "=", invitation.id)
          .execute();
        url += `?i=${token}`;
      }
      const mail = renderSurveyMail(invitation.state === "invited" ? "reminder" : "reminder-resume", {
        title: survey.title,
        url,
        closesAt: survey.closes_at,
        community,
        locale: localeOf({ email: invitation.email, personId: invitation.person_id }) ?? locale,
      });
      const count = invitation.reminder_count + 1;
      await enqueueMail(
        trx,
        deps.clock,
        { to: invitation.email, ...mail, dedupeKey: `survey-reminder:${invitation.id}:${count}` },
        new URL(deps.baseUrl).hostname,
      );
      await trx
        .updateTable("survey_invitations")
        .set({ reminded_at: at, reminder_count: count })
        .where("id", "=", invitation.id)
        .execute();
      reminded++;
    }
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "survey.remind",
      entityType: "survey",
      entityId: survey.id,
      after: { reminded },
    });
  });
  if (reminded) deps.onMailQueued?.();
  return { reminded };
}
