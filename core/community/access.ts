/**
 * Who may see and change what in the registry (docs/community.md, "Permissions"):
 * - the secretariat (and the operator) read and edit everything;
 * - a member contact (role `member`, scope organisation) reads and edits their own organisation
 *   and its people, reads the groups their organisation belongs to, and sees only the public
 *   fields of other organisations;
 * - a group lead reads the group they lead;
 * - anonymous callers see nothing of the registry.
 */
import { type Actor, isSecretariat, requireSecretariat, requireSignedIn } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";

export { requireSecretariat };

/** The organisations the actor speaks for as a member contact. */
export function memberOrganisationIds(actor: Actor): string[] {
  if (actor.kind !== "user" && actor.kind !== "token") return [];
  return actor.grants.filter((g) => g.role === "member" && g.scopeType === "organisation" && g.scopeId).map((g) => g.scopeId!);
}

/** The groups the actor leads. */
export function ledGroupIds(actor: Actor): string[] {
  if (actor.kind !== "user" && actor.kind !== "token") return [];
  return actor.grants.filter((g) => g.role === "group-lead" && g.scopeType === "group" && g.scopeId).map((g) => g.scopeId!);
}

/** Secretariat powers need a second factor (requireSecretariat); everyone else is limited by scope. */
export function isRegistryAdmin(actor: Actor): boolean {
  if (!isSecretariat(actor)) return false;
  return !(actor.kind === "user" && !actor.twoFactorEnabled);
}

/** Any signed-in caller may read the registry's public parts; anonymous callers may not. */
export function requireRegistryReader(actor: Actor): void {
  requireSignedIn(actor);
}

export function canEditOrganisation(actor: Actor, organisationId: string | null): boolean {
  if (isRegistryAdmin(actor)) return true;
  return organisationId !== null && memberOrganisationIds(actor).includes(organisationId);
}

export function requireOrganisationEditor(actor: Actor, organisationId: string | null): void {
  requireSignedIn(actor);
  if (isSecretariat(actor) && actor.kind === "user" && !actor.twoFactorEnabled) throw new AppError("two-factor-required");
  if (!canEditOrganisation(actor, organisationId)) throw new AppError("forbidden");
}
