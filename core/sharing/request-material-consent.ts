import { type Actor, requireSecretariat } from "../accounts/actor.ts";
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
  await enqueueMail(deps.db, deps.clock, {
    to: material.speaker_email,
    subject: `【ご確認のお願い】講演資料「${material.title}」の公開範囲について`,
    text: [
      `${material.speaker_name} 様`,
      "",
      `ご講演の資料「${material.title}」（${material.file_name}）をお預かりしました。`,
      "著作権・肖像権等の観点から、公開の範囲と、ダウンロードを許可するか（閲覧のみとするか）を講師ご本人にお決めいただいています。",
      "ご同意いただくまで、資料は事務局（主催者）以外には公開されません。同意はいつでも取り消せます。",
      "",
      "次のリンクからお選びください:",
      link,
      "",
      "Your talk material has been received. Nothing is shown beyond the organisers until you choose who may see it",
      "and whether it may be downloaded. You can withdraw your consent at any time at the link above.",
    ].join("\n"),
  });
  await recordAuditEvent(deps.db, deps.clock, actor, {
    action: "material.consent-request",
    entityType: "material",
    entityId: materialId,
    after: { to: material.speaker_email },
  });
}
