import * as echarts from "echarts";
import { dialectOf } from "../../db/dialect.ts";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { createTranslate, type Locale } from "../../i18n/index.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";
import type { Clock } from "../shared/clock.ts";
import { computeResults } from "../surveys/compute-results.ts";
import { attendeeRoles } from "./seat-rules.ts";

export interface FigureRow {
  key: string;
  label: string;
  registered: number;
  attended: number;
  noShow: number;
}

export interface TalkUsefulness {
  surveyTitle: string;
  talk: string;
  base: number | null;
  /** "有益であった以上": very useful + useful, of those who rated the talk. */
  usefulOrBetter: number | null;
}

export interface EventFigures {
  total: FigureRow;
  bySeatType: FigureRow[];
  bySector: FigureRow[];
  /** Speakers, officers, press, staff and guests apart from general participants (seat-rules.ts). */
  byRole: FigureRow[];
  byOrganisation: FigureRow[];
  talks: TalkUsefulness[];
  /** People who attended online without registering (recorded from the online tool's report). */
  walkIns: number;
  /** Attended / no-show by sector, as an SVG bar chart (server-rendered ECharts). */
  chartSvg: string;
}

/** A walk-in (attended online without registering) counts as attended, never as registered or no-show. */
function tally(rows: { key: string; label: string; attended: boolean; walkIn?: boolean }[]): FigureRow[] {
  const map = new Map<string, FigureRow>();
  for (const r of rows) {
    const row = map.get(r.key) ?? { key: r.key, label: r.label, registered: 0, attended: 0, noShow: 0 };
    if (!r.walkIn) row.registered++;
    if (r.attended) row.attended++;
    else if (!r.walkIn) row.noShow++;
    map.set(r.key, row);
  }
  return [...map.values()];
}

/**
 * Registered (confirmed), attended (checked in at the door or in the online attendance list) and
 * no-show, by seat type, sector (産学官) and organisation; and per talk the share "有益であった以上"
 * from the event's surveys that ask q16.
 */
export async function computeEventFigures(
  db: Kysely<DB>,
  clock: Clock,
  actor: Actor,
  eventId: string,
  locale: Locale,
): Promise<EventFigures> {
  requireSecretariat(actor);
  const t = createTranslate(locale);
  const event = await db.selectFrom("events").select(["id", "title"]).where("id", "=", eventId).executeTakeFirst();
  if (!event) throw new AppError("not-found");
  const seats = await db
    .selectFrom("event_seat_types")
    .select(["key", "label"])
    .where("event_id", "=", eventId)
    .orderBy("position")
    .execute();
  const registrations = await db
    .selectFrom("registrations")
    .select([
      "seat_type_key",
      "sector",
      "organisation_name",
      "checked_in_at",
      "attended_online",
      "walk_in",
      "attendee_role",
    ])
    .where("event_id", "=", eventId)
    .where("status", "=", "confirmed")
    .orderBy("arrival_sequence")
    .execute();
  const seatLabel = new Map(seats.map((s) => [s.key, s.label]));
  const people = registrations.map((r) => ({
    ...r,
    attended: Boolean(r.checked_in_at) || Boolean(r.attended_online),
    walkIn: Boolean(r.walk_in),
  }));
  const sectorLabel = (s: string | null) => (s ? t(`events.sector.${s as "other"}`) : t("events.figures.unknown"));
  const bySeatType = tally(
    people.map((p) => ({
      key: p.seat_type_key,
      label: seatLabel.get(p.seat_type_key) ?? p.seat_type_key,
      attended: p.attended,
      walkIn: p.walkIn,
    })),
  );
  bySeatType.sort((a, b) => seats.findIndex((s) => s.key === a.key) - seats.findIndex((s) => s.key === b.key));
  const bySector = tally(
    people.map((p) => ({ key: p.sector ?? "", label: sectorLabel(p.sector), attended: p.attended, walkIn: p.walkIn })),
  ).sort((a, b) => b.registered - a.registered);
  const roleOrder = ["", ...attendeeRoles];
  const byRole = tally(
    people.map((p) => ({
      key: p.attendee_role ?? "",
      label: t(`events.role.${(p.attendee_role ?? "none") as "none"}`),
      attended: p.attended,
      walkIn: p.walkIn,
    })),
  ).sort((a, b) => roleOrder.indexOf(a.key) - roleOrder.indexOf(b.key));
  const byOrganisation = tally(
    people.map((p) => ({
      key: p.organisation_name ?? "",
      label: p.organisation_name ?? t("events.figures.unknown"),
      attended: p.attended,
      walkIn: p.walkIn,
    })),
  ).sort((a, b) => b.registered - a.registered || a.label.localeCompare(b.label, "ja"));
  const [total] = tally(
    people.map((p) => ({ key: "all", label: t("events.figures.total"), attended: p.attended, walkIn: p.walkIn })),
  );

  const talks: TalkUsefulness[] = [];
  const surveys = await db
    .selectFrom("surveys")
    .select(["id", "title"])
    .where("event_id", "=", eventId)
    .orderBy("created_at")
    .execute();
  for (const survey of surveys) {
    const results = await computeResults({ db, dialect: dialectOf(db), clock, baseUrl: "" }, actor, survey.id, {
      locale,
    });
    const q16 = results.questions.find((q) => q.name === "q16");
    for (const row of q16?.rows ?? []) {
      talks.push({
        surveyTitle: survey.title,
        talk: row.label,
        base: row.base,
        usefulOrBetter: row.combined.find((c) => c.value === "useful-or-better")?.percent ?? null,
      });
    }
  }

  const chart = echarts.init(null, null, {
    renderer: "svg",
    ssr: true,
    width: 640,
    height: 80 + 36 * Math.max(bySector.length, 1),
  });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: "'Noto Sans JP', 'Noto Sans CJK JP', sans-serif" },
    legend: { top: 0 },
    grid: { left: 120, right: 24, top: 36, bottom: 24 },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: bySector.map((r) => r.label), inverse: true },
    series: [
      {
        name: t("events.figures.attended"),
        type: "bar",
        stack: "all",
        data: bySector.map((r) => r.attended),
        color: "#0b4f8a",
        label: { show: true },
      },
      {
        name: t("events.figures.noShow"),
        type: "bar",
        stack: "all",
        data: bySector.map((r) => r.noShow),
        color: "#c7d3e0",
      },
    ],
  });
  const chartSvg = chart.renderToSVGString();
  chart.dispose();
  return {
    total: total ?? { key: "all", label: t("events.figures.total"), registered: 0, attended: 0, noShow: 0 },
    bySeatType,
    bySector,
    byRole,
    byOrganisation,
    talks,
    walkIns: people.filter((p) => p.walkIn).length,
    chartSvg,
  };
}
