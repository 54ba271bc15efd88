import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { parseInput, wholeNumber } from "../shared/validation.ts";
import type { PrivacyDeps } from "./deps.ts";

/**
 * How long each kind of record keeps personal data (app_settings `privacy.retention.<key>`);
 * docs/privacy.md lists the defaults. The worker applies them (apply-retention.ts).
 */
export const retentionDefaults = {
  /** Registrations of seminars that ended longer ago are pseudonymised (counts stay). */
  registrationYears: 5,
  /** Download logs older than this are deleted. */
  downloadYears: 3,
  /** Delivered or failed mail older than this loses its bodies (the delivery record stays). */
  outboxDays: 90,
} as const;
export type RetentionSettings = { -readonly [K in keyof typeof retentionDefaults]: number };

const settingKey = (name: keyof RetentionSettings) => `privacy.retention.${name}`;

export const retentionInput = z.object({
  registrationYears: wholeNumber({ min: 1, max: 100 }),
  downloadYears: wholeNumber({ min: 1, max: 100 }),
  outboxDays: wholeNumber({ min: 1, max: 3650 }),
});

export async function getRetentionSettings(db: Kysely<DB>): Promise<RetentionSettings> {
  const names = Object.keys(retentionDefaults) as (keyof RetentionSettings)[];
  const rows = await db
    .selectFrom("app_settings")
    .select(["key", "value"])
    .where("key", "in", names.map(settingKey))
    .execute();
  const settings: RetentionSettings = { ...retentionDefaults };
  for (const name of names) {
    const value = Number(rows.find((r) => r.key === settingKey(name))?.value);
    if (Number.isInteger(value) && value > 0) settings[name] = value;
  }
  return settings;
}

export async function updateRetentionSettings(
  deps: PrivacyDeps,
  actor: Actor,
  input: unknown,
): Promise<RetentionSettings> {
  requireSecretariat(actor);
  const settings = parseInput(retentionInput, input);
  await deps.db.transaction().execute(async (trx) => {
    const before = await getRetentionSettings(trx);
    for (const [name, value] of Object.entries(settings) as [keyof RetentionSettings, number][]) {
      await trx
        .insertInto("app_settings")
        .values({ key: settingKey(name), value: String(value) })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value: String(value) }))
        .execute();
    }
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "privacy.retention-update",
      entityType: "app-settings",
      before,
      after: settings,
    });
  });
  return settings;
}
