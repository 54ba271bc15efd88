import { z } from "zod";
import { accountLocales } from "../accounts/account-locales.ts";
import { getCommunityName } from "../accounts/get-community-name.ts";
import { newId } from "../../db/ids.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { enqueueMail } from "../mail/enqueue-mail.ts";
import { newSecretToken, sha256 } from "../shared/crypto.ts";
import { emailAddress, parseInput } from "../shared/validation.ts";
import type { SurveysDeps } from "./deps.ts";
import { findSurvey } from "./find-survey.ts";
import { renderSurveyMail } from "./survey-mail.ts";

export const inviteRespondentsSchema = z.object({
  emails: z.array(emailAddress()).max(5000).default([]),
  personIds: z.array(z.string().max(100)).max(5000).default([]),
  /** Everyone with an address in these organisations. */
  organisationIds: z.array(z.string().max(100)).max(1000).default([]),
  /** The language of the mail to addresses without an account; a member gets their account's. */
  locale: z.enum(["ja", "en"]).default("ja"),
});
export type InviteRespondentsInput = z.input<typeof inviteRespondentsSchema>;

interface Recipient {
  email: string;
  personId: string | null;
  organisationId: string | null;
}

/**
 * Sends personal invitation links (one response each) to addresses, people or whole
 * organisations. Each invitation and its mail are written in one transaction; an address already
 * invited to this survey is skipped. Only the token's hash is kept.
 */
export async function inviteRespondents(
  deps: SurveysDeps,
  actor: Actor,
  surveyId: string,
  input: InviteRespondentsInput,
): Promise<{ invited: number; skipped: number }> {
  requireSecretariat(actor);
  const data = parseInput(inviteRespondentsSchema, input);
  const survey = await findSurvey(deps.db, surveyId);
  const recipients = new Map<string, Recipient>();
  for (const email of data.emails) recipients.set(email, { email, personId: null, organisationId: null });
  if (data.personIds.length || data.organisationIds.length) {
    const people = await deps.db
      .selectFrom("people")
      .select(["id", "email", "organisation_id"])
      .where("email", "is not", null)
      .where((eb) =>
        eb.or([
          ...(data.personIds.length ? [eb("id", "in", data.personIds)] : []),
          ...(data.organisationIds.length ? [eb("organisation_id", "in", data.organisationIds)] : []),
        ]),
      )
      .execute();
    for (const p of people)
      recipients.set(p.email!.toLowerCase(), {
        email: p.email!.toLowerCase(),
        personId: p.id,
        organisationId: p.organisation_id,
      });
  }
  const community = await getCommunityName(deps);
  // A member is written to in their account's language; `locale` is for addresses without one.
  const localeOf = await accountLocales(deps.db, [...recipients.values()]);
  let invited = 0;
  await deps.db.transaction().execute(async (trx) => {
    const existing = new Set(
      (await trx.selectFrom("survey_invitations").select("email").where("survey_id", "=", survey.id).execute()).map(
        (r) => r.email,
      ),
    );
    const at = deps.clock.now().toISOString();
    for (const r of recipients.values()) {
      if (existing.has(r.email)) continue;
      const token = newSecretToken();
      const id = newId(deps.clock.now().getTime());
      await trx
        .insertInto("survey_invitations")
        .values({
          id,
          survey_id: survey.id,
          email: r.email,
          person_id: r.personId,
          organisation_id: r.organisationId,
          token_hash: sha256(token),
          state: "invited",
          invited_at: at,
          completed_at: null,
          reminded_at: null,
          reminder_count: 0,
        })
        .execute();
      const mail = renderSurveyMail("invitation", {
        title: survey.title,
        url: `${deps.baseUrl}/s/${survey.id}?i=${token}`,
        closesAt: survey.closes_at,
        community,
        locale: localeOf(r) ?? data.locale,
      });
      await enqueueMail(
        trx,
        deps.clock,
        { to: r.email, ...mail, dedupeKey: `survey-invitation:${id}` },
        new URL(deps.baseUrl).hostname,
      );
      invited++;
    }
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "survey.invite",
      entityType: "survey",
      entityId: survey.id,
      after: { invited, recipients: recipients.size },
    });
  });
  if (invited) deps.onMailQueued?.();
  return { invited, skipped: recipients.size - invited };
}
