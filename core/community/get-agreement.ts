import type { Actor } from "../accounts/actor.ts";
import { requireSecretariat } from "./access.ts";
import { loadAgreement, type AgreementRecord } from "./agreement-record.ts";
import type { CommunityDeps } from "./deps.ts";

/** Agreements are the secretariat's records. */
export async function getAgreement(deps: CommunityDeps, actor: Actor, id: string): Promise<AgreementRecord> {
  requireSecretariat(actor);
  return loadAgreement(deps.db, id);
}
