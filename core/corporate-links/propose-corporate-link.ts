import { z } from "zod";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import { acceptProposal } from "./accept-corporate-link.ts";
import { auditInBoth, communitiesHoldingNumber, insertProposal, openLinksOf } from "./across-communities.ts";
import type { CorporateLinkDeps } from "./deps.ts";
import { otherSide } from "./get-corporate-number-matches.ts";
import { ownNumberedOrganisation } from "./own-organisation.ts";

const input = z.object({ organisationId: z.string().min(1), communityId: z.string().min(1) });

/**
 * The first consent: the secretariat proposes that its organisation and the record with the same
 * 法人番号 in another community are the same company. Nothing is linked until that community's
 * secretariat accepts (ADR 039). When that community already proposed the same, this accepts it.
 * Audited in both communities. Returns whether the records are now linked.
 */
export async function proposeCorporateLink(
  deps: CorporateLinkDeps,
  actor: Actor,
  raw: unknown,
): Promise<{ linked: boolean }> {
  requireSecretariat(actor);
  const { organisationId, communityId } = parseInput(input, raw);
  const organisation = await ownNumberedOrganisation(deps.db, organisationId);
  const holders = await communitiesHoldingNumber(deps.root, deps.communityId, organisation.corporateNumber);
  if (!holders.some((c) => c.communityId === communityId)) throw new AppError("not-found");
  return deps.root.transaction().execute(async (trx) => {
    const open = (await openLinksOf(trx, deps.communityId, organisation)).filter(
      (l) => otherSide(l, deps.communityId) === communityId,
    );
    if (open.some((l) => l.accepted_at || l.proposer_community_id === deps.communityId))
      throw new AppError("corporate-link-exists");
    const theirs = open.find((l) => l.proposer_community_id === communityId);
    if (theirs) {
      await acceptProposal(trx, deps, actor, theirs, organisation);
      return { linked: true };
    }
    const row = await insertProposal(trx, deps.clock, actor, {
      communityId: deps.communityId,
      organisationId: organisation.id,
      corporateNumber: organisation.corporateNumber,
      partnerCommunityId: communityId,
    });
    await auditInBoth(trx, deps.clock, actor, "corporate-link.propose", row, deps.communityId);
    return { linked: false };
  });
}
