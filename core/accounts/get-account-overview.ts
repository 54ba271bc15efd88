import { AppError } from "../shared/errors.ts";
import { type Actor, type RoleGrant, requireSignedIn } from "./actor.ts";
import type { AccountsDeps } from "./deps.ts";
import { scopeNames } from "./role-scopes.ts";

export interface AccountOverview {
  name: string;
  email: string;
  /** Each with its scope's name (organisation, group, event), null when that no longer exists. */
  grants: (RoleGrant & { scopeName: string | null })[];
  twoFactorEnabled: boolean;
  /** Invited accounts sign in by link and may have no password until they set one. */
  hasPassword: boolean;
  locale: string | null;
  /** The registry's person this account is (linked when an invitation was accepted), if any. */
  person: { id: string; name: string; organisation: string | null } | null;
}

/** What the signed-in user's own account page shows; a user only ever sees their own. */
export async function getAccountOverview(deps: Pick<AccountsDeps, "db">, actor: Actor): Promise<AccountOverview> {
  requireSignedIn(actor);
  // API tokens and the operator have no account of their own.
  if (actor.kind !== "user") throw new AppError("forbidden");
  const [user, credential, person, names] = await Promise.all([
    deps.db
      .selectFrom("user")
      .select(["name", "email", "locale"])
      .where("id", "=", actor.userId)
      .executeTakeFirstOrThrow(),
    deps.db
      .selectFrom("account")
      .select("password")
      .where("userId", "=", actor.userId)
      .where("providerId", "=", "credential")
      .executeTakeFirst(),
    deps.db
      .selectFrom("people")
      .leftJoin("organisations", "organisations.id", "people.organisation_id")
      .select(["people.id", "people.family_name", "people.given_name", "organisations.name as organisation"])
      .where("people.user_id", "=", actor.userId)
      .orderBy("people.id")
      .executeTakeFirst(),
    scopeNames(deps.db, actor.grants),
  ]);
  return {
    name: user.name,
    email: user.email,
    grants: actor.grants.map((g) => ({ ...g, scopeName: names.get(`${g.scopeType}:${g.scopeId}`) ?? null })),
    twoFactorEnabled: actor.twoFactorEnabled,
    hasPassword: Boolean(credential?.password),
    locale: user.locale,
    person: person
      ? {
          id: person.id,
          name: `${person.family_name} ${person.given_name}`.trim(),
          organisation: person.organisation ?? null,
        }
      : null,
  };
}
