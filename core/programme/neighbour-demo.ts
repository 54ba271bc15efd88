/**
 * A second community for the demo (issue 18): 佐賀地域SECURITY, invented but plausible — a
 * neighbouring prefecture's community of the same bureau (九州経済産業局) in the same year, with
 * its own members, posture records and 自社診断 scores, one hybrid seminar and 32 answers to the
 * standard questionnaire, so every cross-community view has real figures beside Nagasaki's.
 * Everything is made through the use cases a secretariat's clicks would run, in a database scoped
 * to that community. Safe to run twice: it does nothing when the seminar is already there.
 */
import type { Sector } from "../community/codes.ts";
import { createOrganisation } from "../community/create-organisation.ts";
import type { CommunityDeps } from "../community/deps.ts";
import { recordPosture } from "../community/record-posture.ts";
import { recordSelfCheckScore } from "../community/record-self-check-score.ts";
import type { DemoContext } from "../demo/demo-step.ts";
import { checkInAttendee } from "../events/check-in-attendee.ts";
import { commitAttendanceImport } from "../events/commit-attendance-import.ts";
import { createEvent } from "../events/create-event.ts";
import type { EventsDeps } from "../events/deps.ts";
import { listRegistrations } from "../events/list-registrations.ts";
import { previewAttendanceImport } from "../events/preview-attendance-import.ts";
import { registerAttendee } from "../events/register-attendee.ts";
import { fixedClock } from "../shared/clock.ts";
import { createSurvey } from "../surveys/create-survey.ts";
import { nagasakiDemoAnswers } from "../surveys/demo-answers.ts";
import { saveResponse } from "../surveys/save-response.ts";
import { selfCheckBand } from "../surveys/self-check-score.ts";

export const NEIGHBOUR = {
  slug: "saga",
  name: "佐賀地域SECURITY",
  nameEn: "Saga Regional SECURITY",
  operator: "佐賀県情報産業協会（デモ用の架空の団体）",
} as const;

export const NEIGHBOUR_SEMINAR_TITLE = "佐賀地域 中小企業のためのセキュリティセミナー";

/** [name, sector, size band, membership] — invented organisations of a Saga community. */
const ORGANISATIONS: [string, Sector, string | null, "member" | "none"][] = [
  ["佐賀県産業労働部", "government", null, "member"],
  ["佐賀県警察本部", "government", null, "member"],
  ["佐賀市経済部", "government", null, "member"],
  ["佐賀大学", "academia", null, "member"],
  ["西九州大学", "academia", null, "member"],
  ["佐賀県情報産業協会", "industry", "6-20", "member"],
  ["有明システム株式会社", "industry", "21-50", "member"],
  ["唐津ソフトウェア株式会社", "industry", "6-20", "member"],
  ["鳥栖ロジテック株式会社", "industry", "51-100", "member"],
  ["伊万里精工株式会社", "industry", "101-300", "member"],
  ["武雄ネットワークサービス", "industry", "1-5", "member"],
  ["嬉野観光開発株式会社", "industry", "21-50", "member"],
  ["佐賀電算センター株式会社", "industry", "51-100", "member"],
  ["有田陶磁器協同組合", "industry", "6-20", "member"],
  ["小城食品工業株式会社", "industry", "21-50", "member"],
  ["神埼建設株式会社", "industry", "6-20", "member"],
  ["鹿島印刷株式会社", "industry", "1-5", "member"],
  ["多久メディカル株式会社", "industry", "21-50", "member"],
  ["佐賀共栄銀行", "finance", "301-1000", "member"],
  ["佐賀新報社", "media", "101-300", "member"],
  ["佐賀県商工会連合会", "nonprofit", "6-20", "member"],
  ["NPO法人さがICT支援ネット", "nonprofit", "1-5", "member"],
  ["九州IT商事株式会社", "industry", "301-1000", "none"],
  ["株式会社デモ通信", "industry", "1001+", "none"],
];

/** Posture facts of member SMEs: [organisation, kind, level, since]. */
const POSTURE: [string, "security-action" | "scs" | "otasuketai" | "cyber-insurance", string, string][] = [
  ["佐賀県情報産業協会", "security-action", "two-star", "2019-07-01"],
  ["有明システム株式会社", "security-action", "two-star", "2020-04-15"],
  ["唐津ソフトウェア株式会社", "security-action", "one-star", "2020-06-01"],
  ["鳥栖ロジテック株式会社", "security-action", "one-star", "2020-09-10"],
  ["伊万里精工株式会社", "security-action", "one-star", "2020-11-20"],
  ["佐賀電算センター株式会社", "security-action", "two-star", "2018-10-01"],
  ["小城食品工業株式会社", "security-action", "one-star", "2021-02-01"],
  ["多久メディカル株式会社", "security-action", "one-star", "2021-03-05"],
  ["佐賀電算センター株式会社", "scs", "star-3", "2020-10-01"],
  ["有明システム株式会社", "otasuketai", "yes", "2020-08-01"],
  ["武雄ネットワークサービス", "otasuketai", "yes", "2020-12-01"],
  ["鳥栖ロジテック株式会社", "cyber-insurance", "yes", "2019-04-01"],
  ["伊万里精工株式会社", "cyber-insurance", "yes", "2020-04-01"],
  ["嬉野観光開発株式会社", "cyber-insurance", "yes", "2020-07-01"],
];

/** 自社診断 totals of member SMEs (out of 100), recorded in FY2020. */
const SELF_CHECK: [string, number][] = [
  ["佐賀県情報産業協会", 86],
  ["有明システム株式会社", 78],
  ["唐津ソフトウェア株式会社", 64],
  ["鳥栖ロジテック株式会社", 55],
  ["伊万里精工株式会社", 71],
  ["武雄ネットワークサービス", 42],
  ["嬉野観光開発株式会社", 38],
  ["佐賀電算センター株式会社", 92],
  ["有田陶磁器協同組合", 47],
  ["小城食品工業株式会社", 60],
];

const VENUE_REGISTERED = 34;
const VENUE_CHECKED_IN = 29;
const ONLINE_REGISTERED = 50;
const ONLINE_ATTENDED = 44;

export async function loadNeighbourCommunity(context: DemoContext, secret: string, baseUrl: string): Promise<void> {
  const { db, actor, log, storage, dialect } = context;
  const existing = await db
    .selectFrom("events")
    .select("id")
    .where("title", "=", NEIGHBOUR_SEMINAR_TITLE)
    .executeTakeFirst();
  if (existing) {
    log(`${NEIGHBOUR.slug}: already there`);
    return;
  }
  for (const [key, value] of Object.entries({ community_name: NEIGHBOUR.name, community_operator: NEIGHBOUR.operator }))
    await db
      .insertInto("app_settings")
      .values({ key, value })
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();

  const clock = fixedClock("2020-05-11T01:00:00.000Z");
  const community: CommunityDeps = { db, dialect, clock, storage };
  const ids = new Map<string, { id: string; sector: Sector }>();
  for (const [name, sector, sizeBand, membership] of ORGANISATIONS) {
    clock.advance(3_600_000);
    const created = await createOrganisation(community, actor, {
      name,
      sector,
      prefecture: "saga",
      membership,
      sizeBand,
      memberSince: membership === "member" ? "2019-04-01" : null,
    });
    ids.set(name, { id: created.id, sector });
  }
  // An SCS mark is valid for a stated term (the form asks for it): two years here.
  for (const [name, kind, level, since] of POSTURE)
    await recordPosture(community, actor, ids.get(name)!.id, {
      kind,
      level,
      since,
      ...(kind === "scs" ? { validUntil: `${Number(since.slice(0, 4)) + 2}${since.slice(4)}` } : {}),
    });
  clock.set("2020-12-01T01:00:00.000Z");
  for (const [name, total] of SELF_CHECK) {
    clock.advance(86_400_000);
    await recordSelfCheckScore(db, clock, {
      organisationId: ids.get(name)!.id,
      surveyId: "demo-saga-self-check",
      total,
      band: selfCheckBand(total),
    });
  }

  clock.set("2020-10-19T00:00:00.000Z");
  const events: EventsDeps = { db, clock, baseUrl, secret };
  const event = await createEvent(events, actor, {
    title: NEIGHBOUR_SEMINAR_TITLE,
    theme: "テレワーク時代のランサムウェア対策",
    description: "会場（佐賀市）とオンライン（Zoom）の両方で開催します。",
    audience: "public",
    startsAt: "2020-11-18T14:00:00+09:00",
    endsAt: "2020-11-18T16:30:00+09:00",
    venueName: "佐賀市民会館（デモ）",
    onlineTool: "Zoom",
    onlineJoinUrl: "https://zoom.example.invalid/j/saga-seminar-20201118",
    feeText: "無料",
    organiser: NEIGHBOUR.operator,
    registrationOpensAt: "2020-10-19T09:00:00+09:00",
    registrationClosesAt: "2020-11-18T12:00:00+09:00",
    consentText: "ご記入いただいた個人情報は、本セミナーの運営と今後のご案内にのみ利用します。",
    seatTypes: [
      { key: "venue", label: "会場", capacity: 40, waitlist: true },
      { key: "online", label: "オンライン", capacity: 60, waitlist: true },
    ],
    sessions: [
      {
        title: "佐賀県内のサイバー犯罪の現状",
        startsAt: "2020-11-18T14:00:00+09:00",
        endsAt: "2020-11-18T14:40:00+09:00",
        speakers: [{ name: "サイバー犯罪対策課 係長", affiliation: "佐賀県警察本部" }],
      },
      {
        title: "ランサムウェアから事業を守る",
        startsAt: "2020-11-18T14:50:00+09:00",
        endsAt: "2020-11-18T16:30:00+09:00",
        speakers: [{ name: "セキュリティコンサルタント", affiliation: "デモセキュリティ株式会社" }],
      },
    ],
  });
  const members = [...ids.entries()].filter(([name]) => ORGANISATIONS.find((o) => o[0] === name)?.[3] === "member");
  const register = async (i: number, seatType: string) => {
    const [organisation, { id, sector }] = members[i % members.length]!;
    clock.advance(23 * 60_000);
    await registerAttendee(events, actor, event.id, {
      name: `${organisation} 参加者${i + 1}`,
      email: `saga-${seatType}-${String(i + 1).padStart(2, "0")}@demo.example.jp`,
      organisation,
      organisationId: id,
      sector,
      seatType,
      consent: true,
    });
  };
  for (let i = 0; i < VENUE_REGISTERED; i++) await register(i, "venue");
  for (let i = 0; i < ONLINE_REGISTERED; i++) await register(i + 7, "online");
  clock.set("2020-11-18T04:40:00.000Z");
  const list = (seatType: string) =>
    listRegistrations(db, actor, event.id, { seatType, status: "confirmed", limit: 100 });
  for (const r of (await list("venue")).items.slice(0, VENUE_CHECKED_IN)) {
    clock.advance(30_000);
    await checkInAttendee(events, actor, event.id, { ticket: r.ticketCode });
  }
  const zoom = [
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest",
    ...(await list("online")).items
      .slice(0, ONLINE_ATTENDED)
      .map((r) => `"${r.name}",${r.email},11/18/2020 01:58:00 PM,11/18/2020 04:31:00 PM,153,No`),
  ].join("\n");
  const preview = await previewAttendanceImport(events, actor, event.id, {
    file: new TextEncoder().encode(zoom),
    minimumMinutes: 30,
  });
  const attendance = await commitAttendanceImport(events, actor, event.id, preview);

  // The standard questionnaire, answered by 32 at and after the seminar.
  clock.set("2020-11-18T07:40:00.000Z");
  const surveys = { db, dialect, clock, baseUrl };
  const survey = await createSurvey(surveys, actor, {
    title: "令和2年度 佐賀地域の実態把握調査",
    template: "regional-standard",
    talks: [],
  });
  const answers = nagasakiDemoAnswers(["t1", "t2"]);
  const shifted = [...answers, ...answers.slice(0, 4)].map((a, i) => {
    // No Q16 (this survey rates no talks); a different mix of trades and sizes from the same patterns.
    const { q16: _talks, ...rest } = a;
    const trade = answers[(i * 5) % answers.length]!.q1;
    return {
      ...rest,
      // その他 carries its own text, so a borrowed trade is a listed one; the prefecture is Saga.
      ...(trade !== "other" && rest.q1 !== "other" ? { q1: trade } : {}),
      q2: answers[(i * 3 + 1) % answers.length]!.q2,
      ...(rest.q3 ? { q3: "saga" } : {}),
    };
  });
  for (const a of shifted) {
    clock.advance(40 * 60_000);
    await saveResponse(surveys, { surveyId: survey.id, answers: a, mode: "complete" });
  }
  log(
    `${NEIGHBOUR.slug}: ${ORGANISATIONS.length} organisations, seminar ${event.id} (${VENUE_CHECKED_IN} at the venue, ` +
      `${attendance.marked} online), ${shifted.length} survey answers`,
  );
}
