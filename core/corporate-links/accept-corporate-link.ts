import type { Transaction } from "kysely";
import { z } from "zod";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import { auditInBoth, findLink, type LinkRow, markAccepted, markWithdrawn, openLinksOf } from "./across-communities.ts";
import type { CorporateLinkDeps } from "./deps.ts";
import { otherSide } from "./get-corporate-number-matches.ts";
import { ownNumberedOrganisation } from "./own-organisation.ts";

const input = z.object({ linkId: z.string().min(1), organisationId: z.string().min(1) });

/**
 * The second consent: the secretariat of the community a proposal was made to accepts it for its
 * own organisation with the same 法人番号, and the two records are linked (ADR 039). Nothing is
 * merged or copied; each side now sees "linked with <community>". Audited in both communities.
 */
export async function acceptCorporateLink(deps: CorporateLinkDeps, actor: Actor, raw: unknown): Promise<void> {
  requireSecretariat(actor);
  const { linkId, organisationId } = parseInput(input, raw);
  const organisation = await ownNumberedOrganisation(deps.db, organisationId);
  await deps.root.transaction().execute(async (trx) => {
    const link = await findLink(trx, linkId);
    if (
      !link ||
      link.partner_community_id !== deps.communityId ||
      link.corporate_number !== organisation.corporateNumber
    )
      throw new AppError("not-found");
    await acceptProposal(trx, deps, actor, link, organisation);
  });
}

/** Accepts `link` (a proposal to this community) for `organisation`, inside the caller's transaction. */
export async function acceptProposal(
  trx: Transaction<DB>,
  deps: CorporateLinkDeps,
  actor: Actor,
  link: LinkRow,
  organisation: { id: string; corporateNumber: string },
): Promise<void> {
  if (link.accepted_at || link.withdrawn_at) throw new AppError("corporate-link-closed");
  const open = await openLinksOf(trx, deps.communityId, organisation);
  // The proposing record must still hold the number (openLinksOf counts only such rows).
  if (!open.some((l) => l.id === link.id)) throw new AppError("corporate-link-closed");
  const other = link.proposer_community_id;
  if (open.some((l) => l.id !== link.id && l.accepted_at && otherSide(l, deps.communityId) === other))
    throw new AppError("corporate-link-exists");
  if (!(await markAccepted(trx, deps.clock, actor, link, organisation.id))) throw new AppError("corporate-link-closed");
  await auditInBoth(
    trx,
    deps.clock,
    actor,
    "corporate-link.accept",
    { ...link, partner_organisation_id: organisation.id },
    deps.communityId,
  );
  // A proposal the other way between the same two (both sides proposed at once) is settled by this link.
  for (const crossed of open.filter(
    (l) => l.id !== link.id && !l.accepted_at && otherSide(l, deps.communityId) === other,
  ))
    if (await markWithdrawn(trx, deps.clock, actor, crossed, deps.communityId))
      await auditInBoth(trx, deps.clock, actor, "corporate-link.withdraw", crossed, deps.communityId);
}
