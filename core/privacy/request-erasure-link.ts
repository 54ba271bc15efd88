import { z } from "zod";
import { createTranslate, type Locale } from "../../i18n/index.ts";
import { newId } from "../../db/ids.ts";
import { enqueueMail } from "../mail/enqueue-mail.ts";
import { sha256, newSecretToken } from "../shared/crypto.ts";
import { consumeRateLimit } from "../shared/rate-limit.ts";
import { emailAddress, parseInput } from "../shared/validation.ts";
import { collectPersonalData } from "./collect-personal-data.ts";
import type { PrivacyDeps } from "./deps.ts";
import { subjectOfEmail } from "./find-subject.ts";
import { emailHash } from "./pseudonym.ts";

export const erasureLinkInput = z.object({ email: emailAddress() });

/** A link is good for a day and for one erasure. */
export const ERASURE_LINK_TTL_MS = 24 * 60 * 60_000;
/** Per address: three links an hour (the mail goes to the address, so this bounds mail to one inbox). */
const LINK_LIMIT = { limit: 3, windowMs: 60 * 60_000 };

/**
 * A registrant without an account asks for their data to be erased: when anything is held under
 * the address, a link goes to it; an address with an account is told to ask the secretariat.
 * The caller's answer is the same in every case, so the page reveals nothing about who is known.
 */
export async function requestErasureLink(deps: PrivacyDeps, input: unknown, locale: Locale): Promise<void> {
  const { email } = parseInput(erasureLinkInput, input);
  const hash = emailHash(deps.secret, email);
  await consumeRateLimit(deps.db, deps.clock, { key: `privacy-link:${hash}`, ...LINK_LIMIT });
  const t = createTranslate(locale);
  const queued = await deps.db.transaction().execute(async (trx) => {
    const subject = await subjectOfEmail(trx, deps.secret, email);
    if (subject.userId) {
      await enqueueMail(trx, deps.clock, {
        to: email,
        subject: t("privacy.mail.account.subject"),
        text: t("privacy.mail.account.body", { baseUrl: deps.baseUrl }),
      });
      return true;
    }
    const held = await collectPersonalData(trx, subject);
    const holdsAnything =
      held.person.length +
        held.registrations.length +
        held.surveyInvitations.length +
        held.mailingRecipients.length +
        held.invitations.length >
      0;
    if (!holdsAnything) return false;
    // The address rides in the link (only the mail carries it); the table keeps the link's hash.
    const token = `${newSecretToken("pe_")}.${Buffer.from(email).toString("base64url")}`;
    const now = deps.clock.now();
    await trx
      .insertInto("privacy_requests")
      .values({
        id: newId(now.getTime()),
        kind: "self-erase",
        state: "pending",
        subject_ref: subject.ref,
        email_hash: hash,
        token_hash: sha256(token),
        requested_by: "self",
        requested_at: now.toISOString(),
        expires_at: new Date(now.getTime() + ERASURE_LINK_TTL_MS).toISOString(),
        completed_at: null,
        counts_json: null,
      })
      .execute();
    await enqueueMail(trx, deps.clock, {
      to: email,
      subject: t("privacy.mail.link.subject"),
      text: t("privacy.mail.link.body", {
        url: `${deps.baseUrl}/privacy/erase/${token}`,
        hours: ERASURE_LINK_TTL_MS / 3_600_000,
      }),
    });
    return true;
  });
  if (queued) deps.onMailQueued?.();
}

/** The address a link was made for, or null when the link is not one of ours. */
export function emailOfErasureToken(token: string): string | null {
  const [, encoded] = token.split(".");
  if (!token.startsWith("pe_") || !encoded) return null;
  const email = Buffer.from(encoded, "base64url").toString("utf8");
  return /^[^\s@]+@[^\s@]+$/.test(email) ? email : null;
}
