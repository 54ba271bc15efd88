/**
 * Who is asking. Every permission decision is made on the server from an Actor built for the
 * current request (session cookie or bearer token); nothing is cached across requests.
 */
import { AppError } from "../shared/errors.ts";

export const roles = ["secretariat", "member", "group-lead", "speaker"] as const;
export type Role = (typeof roles)[number];
export const scopeTypes = ["global", "organisation", "group", "event"] as const;
export type ScopeType = (typeof scopeTypes)[number];

/** secretariat is global; member is per organisation; group-lead per group; speaker per event. */
export const roleScope: Record<Role, ScopeType> = {
  secretariat: "global",
  member: "organisation",
  "group-lead": "group",
  speaker: "event",
};

export interface RoleGrant {
  role: Role;
  scopeType: ScopeType;
  scopeId: string | null;
}

export type Actor =
  | { kind: "anonymous" }
  | {
      kind: "user";
      userId: string;
      email: string;
      name: string;
      grants: RoleGrant[];
      /**
       * True only when this request's session passed the account's second factor (the session
       * records it: `session.secondFactorVerified`). "The account has TOTP" is not that proof; a
       * session of an enrolled account that did not pass it resolves to no actor at all.
       */
      twoFactorEnabled: boolean;
      sessionId: string;
    }
  /**
   * A bearer token acts for the user who created it (`createdBy`, issue 13 item 3): where a rule
   * is about people (four eyes), the token counts as that person. Tokens made at the command line
   * have no creator (null or absent) and are no person at all.
   */
  | { kind: "token"; tokenId: string; name: string; grants: RoleGrant[]; createdBy?: string | null }
  /** The operator at the command line (`npx chiiki …`): trusted like the secretariat. */
  | { kind: "system"; name: string };

export const anonymous: Actor = { kind: "anonymous" };

export function actorId(actor: Actor): string | null {
  switch (actor.kind) {
    case "user":
      return actor.userId;
    case "token":
      return actor.tokenId;
    default:
      return null;
  }
}

/**
 * The person behind an actor: the user, or the user who created the token. Null for the operator
 * at the command line, for tokens no person created, and for anonymous callers.
 */
export function humanOf(actor: Actor): string | null {
  switch (actor.kind) {
    case "user":
      return actor.userId;
    case "token":
      return actor.createdBy ?? null;
    default:
      return null;
  }
}

/**
 * Who a record names as its author (`created_by`, `uploaded_by`, `reviewed_by`, a mailing's
 * submitter and approver): the person, that is the user or the user who created the token used.
 * A token no person created (made at the command line) names itself; the operator, nobody.
 */
export function authorOf(actor: Actor): string | null {
  return humanOf(actor) ?? actorId(actor);
}

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case "user":
      return `${actor.name} <${actor.email}>`;
    case "token":
      return `token:${actor.name}`;
    case "system":
      return `system:${actor.name}`;
    default:
      return "anonymous";
  }
}

export function hasRole(actor: Actor, role: Role, scopeId?: string | null): boolean {
  if (actor.kind === "system") return true;
  if (actor.kind === "anonymous") return false;
  return actor.grants.some((g) => g.role === role && (scopeId === undefined || g.scopeId === scopeId));
}

export function isSecretariat(actor: Actor): boolean {
  return actor.kind === "system" || hasRole(actor, "secretariat");
}

export function isSignedIn(actor: Actor): boolean {
  return actor.kind !== "anonymous";
}

export function requireSignedIn(actor: Actor): asserts actor is Exclude<Actor, { kind: "anonymous" }> {
  if (actor.kind === "anonymous") throw new AppError("unauthenticated");
}

/**
 * The secretariat's powers need a second factor: an account that has not enrolled TOTP is
 * treated as signed in but not yet trusted (the UI sends it to enrolment).
 */
export function requireSecretariat(actor: Actor): void {
  requireSignedIn(actor);
  if (!isSecretariat(actor)) throw new AppError("forbidden");
  if (actor.kind === "user" && !actor.twoFactorEnabled) throw new AppError("two-factor-required");
}
