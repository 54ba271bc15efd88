/**
 * Who may see and change what in the registry (docs/community.md, "Permissions"):
 * - the secretariat (and the operator) read and edit everything;
 * - a member contact (role `member`, scope organisation) reads and edits their own organisation
 *   and its people, reads the groups their organisation belongs to, and sees only the public
 *   fields of other organisations;
 * - a group lead reads the group they lead and runs its meetings: reads them with their minutes
 *   and decisions, records new ones for that group, edits them and marks their decisions done
 *   (not other groups' meetings, nor meetings of no group; removing a meeting stays the
 *   secretariat's);
 * - anonymous callers see nothing of the registry.
 */
import { type Actor, isSecretariat, requireSecretariat, requireSignedIn } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";

export { requireSecretariat };

/** The organisations the actor speaks for as a member contact. */
export function memberOrganisationIds(actor: Actor): string[] {
  if (actor.kind !== "user" && actor.kind !== "token") return [];
  return actor.grants
    .filter((g) => g.role === "member" && g.scopeType === "organisation" && g.scopeId)
    .map((g) => g.scopeId!);
}

/** The groups the actor leads. */
export function ledGroupIds(actor: Actor): string[] {
  if (actor.kind !== "user" && actor.kind !== "token") return [];
  return actor.grants
    .filter((g) => g.role === "group-lead" && g.scopeType === "group" && g.scopeId)
    .map((g) => g.scopeId!);
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
  if (isSecretariat(actor) && actor.kind === "user" && !actor.twoFactorEnabled)
    throw new AppError("two-factor-required");
  if (!canEditOrganisation(actor, organisationId)) throw new AppError("forbidden");
}

/**
 * The groups whose meetings the actor runs: `null` for the secretariat (every meeting, also those
 * of no group), else the groups they lead. Throws when the actor runs no meetings at all.
 */
export function meetingGroupScope(actor: Actor): string[] | null {
  requireSignedIn(actor);
  if (isSecretariat(actor) && actor.kind === "user" && !actor.twoFactorEnabled)
    throw new AppError("two-factor-required");
  if (isRegistryAdmin(actor)) return null;
  const led = ledGroupIds(actor);
  if (led.length === 0) throw new AppError("forbidden");
  return led;
}

/** May the actor read and record the meetings of this group (`null`: a meeting of no group)? */
export function canRunMeetingsOf(actor: Actor, groupId: string | null): boolean {
  if (isRegistryAdmin(actor)) return true;
  return groupId !== null && ledGroupIds(actor).includes(groupId);
}

/**
 * A group lead names a meeting's attendees by organisation: they read no one's personal record,
 * so they may keep the people the secretariat recorded (`recorded`) but not name others.
 */
export function requireRecordedPeople(
  actor: Actor,
  people: (string | null | undefined)[],
  recorded: (string | null)[],
): void {
  if (meetingGroupScope(actor) === null) return;
  if (people.some((id) => id && !recorded.includes(id))) throw new AppError("forbidden");
}

/**
 * For writing a meeting into `groupId`: a lead must name one of their groups (a form left on
 * 「なし」 gets a field error), and may not write into another group's meetings.
 */
export function requireMeetingGroup(actor: Actor, groupId: string | null): void {
  const scope = meetingGroupScope(actor);
  if (scope === null) return;
  if (groupId === null)
    throw new AppError("validation-failed", { fields: [{ field: "groupId", code: "community-own-group" }] });
  if (!scope.includes(groupId)) throw new AppError("forbidden");
}
