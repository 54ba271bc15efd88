import { firstCommunity } from "../../db/communities.ts";
import { anonymous } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import type { SharingDeps } from "../sharing/deps.ts";
import { emailFromUnsubscribeToken } from "./render-mailing.ts";

/**
 * The address a token stops this community's mail to: a token bound to this community, or one of
 * the old unbound form in the first community (which mailed them before there were others); a
 * token of another community is no token here (not-found).
 */
async function addressOf(deps: Pick<SharingDeps, "secret" | "shared">, token: string): Promise<string> {
  const community = deps.shared?.communityId;
  const bound = emailFromUnsubscribeToken(deps.secret, token, community);
  if (bound) return bound;
  const legacyHere = !deps.shared || (await firstCommunity(deps.shared.root)).id === community;
  const legacy = legacyHere ? emailFromUnsubscribeToken(deps.secret, token) : null;
  if (!legacy) throw new AppError("not-found");
  return legacy;
}

/** Opts an address out of this community's announcements (the link in every mailing, and RFC 8058 one-click). */
export async function unsubscribe(
  deps: Pick<SharingDeps, "db" | "clock" | "secret" | "shared">,
  token: string,
): Promise<{ email: string }> {
  const email = await addressOf(deps, token);
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

/** Whether a token is genuine here, and for which address (the confirmation page shows it). */
export function unsubscribeAddress(deps: Pick<SharingDeps, "secret" | "shared">, token: string): Promise<string> {
  return addressOf(deps, token);
}
