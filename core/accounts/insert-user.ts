import type { Kysely } from "kysely";
import { authBool, authDate, type DialectName } from "../../db/dialect.ts";
import { newId } from "../../db/ids.ts";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../shared/clock.ts";

/**
 * Creates a Better Auth user (and its password account when a hash is given) inside the
 * caller's transaction, so that the user, its roles and the audit record commit together.
 * Better Auth's own sign-up is switched off: accounts come from setup, invitations and the CLI.
 */
export async function insertUser(
  trx: Kysely<DB>,
  dialect: DialectName,
  clock: Clock,
  user: { name: string; email: string; passwordHash?: string; emailVerified: boolean; locale?: string },
): Promise<string> {
  const now = clock.now();
  const id = newId(now.getTime());
  await trx
    .insertInto("user")
    .values({
      id,
      name: user.name,
      email: user.email.toLowerCase(),
      emailVerified: authBool(dialect, user.emailVerified),
      image: null,
      createdAt: authDate(dialect, now),
      updatedAt: authDate(dialect, now),
      twoFactorEnabled: authBool(dialect, false),
      locale: user.locale ?? null,
    })
    .execute();
  if (user.passwordHash) {
    await trx
      .insertInto("account")
      .values({
        id: newId(now.getTime()),
        accountId: id,
        providerId: "credential",
        userId: id,
        password: user.passwordHash,
        accessToken: null,
        refreshToken: null,
        idToken: null,
        accessTokenExpiresAt: null,
        refreshTokenExpiresAt: null,
        scope: null,
        createdAt: authDate(dialect, now),
        updatedAt: authDate(dialect, now),
      })
      .execute();
  }
  return id;
}
