import { z } from "zod";
import { accountNameSchema } from "./account-name.ts";
import { newId } from "../../db/ids.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import { type Actor, requireSecretariat } from "./actor.ts";
import { PASSWORD_MIN_LENGTH } from "./create-auth.ts";
import type { AccountsDeps } from "./deps.ts";
import { insertUser } from "./insert-user.ts";

export const secretariatAccountSchema = z.object({
  name: accountNameSchema,
  email: z.email().trim().toLowerCase().max(254),
  password: z.string().min(PASSWORD_MIN_LENGTH).max(256),
  locale: z.enum(["ja", "en"]).default("ja"),
});
export type SecretariatAccountInput = z.input<typeof secretariatAccountSchema>;

export const firstRunSchema = secretariatAccountSchema.extend({
  community: accountNameSchema,
});

/** True once a secretariat account exists; until then the first-run page is open. */
export async function isInstalled(deps: Pick<AccountsDeps, "db">): Promise<boolean> {
  const row = await deps.db
    .selectFrom("app_settings")
    .select("value")
    .where("key", "=", "installed_at")
    .executeTakeFirst();
  return Boolean(row);
}

/**
 * The first-run page and CHIIKI_ADMIN_*: creates the first secretariat account. The
 * `installed_at` row is inserted in the same transaction, so two racing first runs cannot both
 * succeed (the loser hits the primary key and gets `already-installed`).
 */
export async function installFirstSecretariat(
  deps: AccountsDeps,
  input: z.input<typeof firstRunSchema> | Record<string, unknown>,
): Promise<{ userId: string }> {
  const data = parseInput(firstRunSchema, input);
  if (await isInstalled(deps)) throw new AppError("already-installed");
  const passwordHash = await (await deps.auth.$context).password.hash(data.password);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.now().toISOString();
      await trx.insertInto("app_settings").values({ key: "installed_at", value: now }).execute();
      // `npx chiiki demo` may have named the community already; the first run's answer wins.
      await trx
        .insertInto("app_settings")
        .values({ key: "community_name", value: data.community })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value: data.community }))
        .execute();
      const userId = await createWithGrant({ ...deps, db: trx }, data, passwordHash, null);
      await recordAuditEvent(
        trx,
        deps.clock,
        { kind: "system", name: "first-run" },
        {
          action: "installation.create",
          entityType: "user",
          entityId: userId,
          after: { name: data.name, email: data.email, community: data.community },
        },
      );
      return { userId };
    });
  } catch (error) {
    if (await isInstalled(deps)) throw new AppError("already-installed", { cause: error });
    throw error;
  }
}

/** `npx chiiki admin create` and the secretariat: another secretariat account with a password. */
export async function createSecretariatAccount(
  deps: AccountsDeps,
  actor: Actor,
  input: SecretariatAccountInput,
): Promise<{ userId: string }> {
  requireSecretariat(actor);
  const data = parseInput(secretariatAccountSchema, input);
  const existing = await deps.db.selectFrom("user").select("id").where("email", "=", data.email).executeTakeFirst();
  if (existing) throw new AppError("email-taken", { fields: [{ field: "email", code: "email-taken" }] });
  const passwordHash = await (await deps.auth.$context).password.hash(data.password);
  return deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("app_settings")
      .values({ key: "installed_at", value: deps.clock.now().toISOString() })
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
    const userId = await createWithGrant(
      { ...deps, db: trx },
      data,
      passwordHash,
      actor.kind === "user" ? actor.userId : null,
    );
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "user.create",
      entityType: "user",
      entityId: userId,
      after: { name: data.name, email: data.email, role: "secretariat" },
    });
    return { userId };
  });
}

async function createWithGrant(
  deps: AccountsDeps,
  data: { name: string; email: string; locale: string },
  passwordHash: string,
  createdBy: string | null,
): Promise<string> {
  const userId = await insertUser(deps.db, deps.dialect, deps.clock, {
    name: data.name,
    email: data.email,
    passwordHash,
    emailVerified: true,
    locale: data.locale,
  });
  await deps.db
    .insertInto("role_grants")
    .values({
      id: newId(),
      user_id: userId,
      role: "secretariat",
      scope_type: "global",
      scope_id: null,
      created_at: deps.clock.now().toISOString(),
      created_by: createdBy,
    })
    .execute();
  return userId;
}
