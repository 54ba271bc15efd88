import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { toJapanIso } from "../../i18n/dates.ts";
import { createTranslate, type Locale } from "../../i18n/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { EventsDeps } from "./deps.ts";
import { type CsvWriteOptions, writeCsv } from "../files/csv.ts";
import { writeXlsx } from "../files/xlsx.ts";
import { listRegistrations, type RegistrationListItem } from "./list-registrations.ts";
import { getEventForEditing } from "./get-event-for-editing.ts";

/** The secretariat's registrant list as a table: one row per registration, in registration order. */
async function registrantTable(db: Kysely<DB>, actor: Actor, eventId: string, locale: Locale) {
  const t = createTranslate(locale);
  const event = await getEventForEditing(db, actor, eventId);
  const items: RegistrationListItem[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await listRegistrations(db, actor, eventId, { limit: 1000, offset });
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) break;
  }
  const seatLabel = new Map(event.seatTypes.map((s) => [s.key, s.label]));
  const header = [
    t("events.admin.arrival"),
    t("events.register.name"),
    t("events.register.email"),
    t("events.register.organisation"),
    t("events.register.sector"),
    t("events.register.seatType"),
    t("events.admin.status.confirmed"),
    t("events.checkin.ticket"),
    t("events.admin.checkin"),
    ...event.questions.map((q) => q.label),
  ];
  const rows = items.map((r) => [
    r.arrival,
    r.name,
    r.email,
    r.organisationName ?? "",
    r.sector ? t(`events.sector.${r.sector as "other"}`) : "",
    seatLabel.get(r.seatType) ?? r.seatType,
    t(`events.admin.status.${r.status as "confirmed"}`) + (r.waitlistPosition ? ` #${r.waitlistPosition}` : ""),
    r.ticketCode,
    r.checkedInAt ? toJapanIso(r.checkedInAt) : r.attendedOnline ? "online" : "",
    ...event.questions.map((q) => r.answers[q.key] ?? ""),
  ]);
  return { event, header, rows };
}

/** UTF-8 with a BOM (so Excel in Japan opens it as UTF-8) or CP932, through the one writer (formula guard on). */
export async function exportRegistrantsCsv(
  deps: Pick<EventsDeps, "db" | "clock">,
  actor: Actor,
  eventId: string,
  locale: Locale,
  options: CsvWriteOptions = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const { header, rows } = await registrantTable(deps.db, actor, eventId, locale);
  const file = writeCsv([header, ...rows], options);
  await auditExport(deps, actor, eventId, { format: "csv", encoding: options.encoding ?? "utf-8", rows: rows.length });
  return file;
}

export async function exportRegistrantsXlsx(
  deps: Pick<EventsDeps, "db" | "clock">,
  actor: Actor,
  eventId: string,
  locale: Locale,
): Promise<Uint8Array<ArrayBuffer>> {
  const { event, header, rows } = await registrantTable(deps.db, actor, eventId, locale);
  const file = await writeXlsx([{ name: event.title, rows: [header, ...rows], columnWidth: 18 }]);
  await auditExport(deps, actor, eventId, { format: "xlsx", rows: rows.length });
  return file;
}

/** The registrant list leaves the server with names and addresses: who took it, and when, is recorded. */
async function auditExport(
  deps: { db: Kysely<DB>; clock: EventsDeps["clock"] },
  actor: Actor,
  eventId: string,
  after: Record<string, unknown>,
) {
  await recordAuditEvent(deps.db, deps.clock, actor, {
    action: "event.registrants.export",
    entityType: "event",
    entityId: eventId,
    after,
  });
}
