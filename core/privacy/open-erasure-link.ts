import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { sha256 } from "../shared/crypto.ts";
import { AppError } from "../shared/errors.ts";
import type { Clock } from "../shared/clock.ts";
import { collectPersonalData } from "./collect-personal-data.ts";
import type { PrivacyDeps } from "./deps.ts";
import { subjectOfEmail, type Subject } from "./find-subject.ts";
import { emailHash } from "./pseudonym.ts";
import { emailOfErasureToken } from "./request-erasure-link.ts";

/** What a registrant sees before erasing: the summary of what is held under their address. */
export interface ErasureLinkSummary {
  email: string;
  ref: string;
  names: string[];
  registrations: { event: string; startsAt: string; status: string }[];
  surveyInvitations: number;
  mailings: number;
  mails: number;
  registryRecords: number;
  expiresAt: string;
}

/** A pending, unexpired link, its row and its subject; anything else is `privacy-link-invalid` (410). */
export async function findErasureLink(
  db: Kysely<DB>,
  clock: Clock,
  secret: string,
  token: string,
): Promise<{ id: string; email: string; expiresAt: string; subject: Subject }> {
  const email = emailOfErasureToken(token);
  const row = email
    ? await db
        .selectFrom("privacy_requests")
        .select(["id", "email_hash", "expires_at"])
        .where("token_hash", "=", sha256(token))
        .where("kind", "=", "self-erase")
        .where("state", "=", "pending")
        .executeTakeFirst()
    : undefined;
  if (
    !email ||
    !row ||
    row.email_hash !== emailHash(secret, email) ||
    !row.expires_at ||
    row.expires_at <= clock.now().toISOString()
  ) {
    throw new AppError("privacy-link-invalid");
  }
  const subject = await subjectOfEmail(db, secret, email);
  // An account made after the link was sent: the account's owner asks the secretariat instead.
  if (subject.userId) throw new AppError("privacy-link-invalid");
  return { id: row.id, email, expiresAt: row.expires_at, subject };
}

export async function openErasureLink(deps: PrivacyDeps, token: string): Promise<ErasureLinkSummary> {
  const link = await findErasureLink(deps.db, deps.clock, deps.secret, token);
  const held = await collectPersonalData(deps.db, link.subject);
  return {
    email: link.email,
    ref: link.subject.ref,
    names: [
      ...new Set([
        ...held.person.map((p) => `${p.familyName} ${p.givenName}`),
        ...held.registrations.map((r) => r.name),
      ]),
    ],
    registrations: held.registrations.map((r) => ({ event: r.event, startsAt: r.startsAt, status: r.status })),
    surveyInvitations: held.surveyInvitations.length,
    mailings: held.mailingRecipients.length,
    mails: held.mails.length,
    registryRecords: held.person.length,
    expiresAt: link.expiresAt,
  };
}
