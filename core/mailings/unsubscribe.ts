import { anonymous } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import type { SharingDeps } from "../sharing/deps.ts";
import { emailFromUnsubscribeToken } from "./render-mailing.ts";

/** Opts an address out of announcements (the link in every mailing, and RFC 8058 one-click). */
export async function unsubscribe(
  deps: Pick<SharingDeps, "db" | "clock" | "secret">,
  token: string,
): Promise<{ email: string }> {
  const email = emailFromUnsubscribeToken(deps.secret, token);
  if (!email) throw new AppError("not-found");
  await deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("mail_suppressions")
      .values({ email, reason: "unsubscribed", created_at: deps.clock.now().toISOString() })
      .onConflict((oc) => oc.column("email").doNothing())
      .returning("email")
      .executeTakeFirst();
    if (inserted)
      await recordAuditEvent(trx, deps.clock, anonymous, {
        action: "mailing.unsubscribe",
        entityType: "mail-suppression",
        entityId: email,
      });
  });
  return { email };
}

/** Whether a token is genuine, and for which address (the confirmation page shows it). */
export function unsubscribeAddress(deps: Pick<SharingDeps, "secret">, token: string): string {
  const email = emailFromUnsubscribeToken(deps.secret, token);
  if (!email) throw new AppError("not-found");
  return email;
}
