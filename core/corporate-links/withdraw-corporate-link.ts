import { z } from "zod";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import { auditInBoth, findLink, markWithdrawn } from "./across-communities.ts";
import type { CorporateLinkDeps } from "./deps.ts";

const input = z.object({ linkId: z.string().min(1) });

/**
 * Either side takes its consent back: the proposer withdraws a proposal, the other side declines
 * it, or either ends a link (ADR 039). The row stays, with who withdrew it, from which community
 * and when; a new proposal may follow. Audited in both communities.
 */
export async function withdrawCorporateLink(deps: CorporateLinkDeps, actor: Actor, raw: unknown): Promise<void> {
  requireSecretariat(actor);
  const { linkId } = parseInput(input, raw);
  await deps.root.transaction().execute(async (trx) => {
    const link = await findLink(trx, linkId);
    if (!link || (link.proposer_community_id !== deps.communityId && link.partner_community_id !== deps.communityId))
      throw new AppError("not-found");
    if (!(await markWithdrawn(trx, deps.clock, actor, link, deps.communityId)))
      throw new AppError("corporate-link-closed");
    await auditInBoth(trx, deps.clock, actor, "corporate-link.withdraw", link, deps.communityId);
  });
}
