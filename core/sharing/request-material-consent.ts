import { accountLocale } from "../accounts/account-locales.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { createTranslate } from "../../i18n/index.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { enqueueMail } from "../mail/enqueue-mail.ts";
import { newSecretToken, sha256 } from "../shared/crypto.ts";
import { AppError } from "../shared/errors.ts";
import type { SharingDeps } from "./deps.ts";

/** The secretariat asks (again) for the speaker's consent: a fresh link replaces the old one. */
export async function requestMaterialConsent(deps: SharingDeps, actor: Actor, materialId: string): Promise<void> {
  requireSecretariat(actor);
  await deps.db.transaction().execute((trx) => queueConsentRequest({ ...deps, db: trx }, actor, materialId));
  deps.onMailQueued?.();
}

/** Inside the caller's transaction: a new token, its hash stored, the mail queued. */
export async function queueConsentRequest(deps: SharingDeps, actor: Actor, materialId: string): Promise<void> {
  const material = await deps.db
    .selectFrom("talk_materials")
    .selectAll()
    .where("id", "=", materialId)
    .executeTakeFirst();
  if (!material) throw new AppError("not-found");
  if (!material.speaker_email)
    throw new AppError("validation-failed", { fields: [{ field: "speakerEmail", code: "required" }] });
  const token = newSecretToken("mc_");
  const now = deps.clock.now().toISOString();
  await deps.db
    .updateTable("talk_materials")
    .set({ consent_token_hash: sha256(token), consent_requested_at: now })
    .where("id", "=", materialId)
    .execute();
  const link = `${deps.baseUrl}/materials/consent/${token}`;
  // A speaker with an account reads it in the account's language; any other in Japanese, with the
  // English text below it (a visiting speaker's address is often all the secretariat has).
  const locale = await accountLocale(deps.db, { email: material.speaker_email });
  const params = { name: material.speaker_name, title: material.title, fileName: material.file_name, url: link };
  const ja = createTranslate("ja");
  const en = createTranslate("en");
  const known = locale === "en" ? en : ja;
  await enqueueMail(deps.db, deps.clock, {
    to: material.speaker_email,
    subject: known("sharing.mail.consent.subject", params),
    text:
      locale === "en"
        ? en("sharing.mail.consent.body", params)
        : `${ja("sharing.mail.consent.body", params)}\n\n----- English -----\n\n${en("sharing.mail.consent.body", params)}`,
  });
  await recordAuditEvent(deps.db, deps.clock, actor, {
    action: "material.consent-request",
    entityType: "material",
    entityId: materialId,
    after: { to: material.speaker_email },
  });
}
