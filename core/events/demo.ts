/**
 * The seed's seminar (demo-year.md, "The seminar"): 2021-01-27, venue 30 lowered to 15 under COVID
 * measures, online 50, two talks whose speakers appear by role only, 15 venue and 55 online
 * attendees from the seed's organisations, and the 長崎新聞 article.
 *
 * Told the way it happened in the app: 18 register for the venue and 52 online; the venue is cut
 * to 15, the 3 over are moved to the online seats (which are full, so they wait); the secretariat
 * raises online to 55 to seat everyone waiting. Then 15 are checked in at the door and the Webex
 * attendance list marks the 55 online.
 */
import type { Sector } from "../community/codes.ts";
import type { DemoStep } from "../demo/demo-step.ts";
import { fixedClock } from "../shared/clock.ts";
import { changeSeatCapacity } from "./change-seat-capacity.ts";
import { checkInAttendee } from "./check-in-attendee.ts";
import { createEvent } from "./create-event.ts";
import type { EventsDeps } from "./deps.ts";
import type { EventInput } from "./event-input.ts";
import { commitAttendanceImport } from "./commit-attendance-import.ts";
import { previewAttendanceImport } from "./preview-attendance-import.ts";
import { listRegistrations } from "./list-registrations.ts";
import { moveRegistration } from "./move-registration.ts";
import { recordPressCoverage } from "./record-press-coverage.ts";
import { registerAttendee } from "./register-attendee.ts";

export const DEMO_SEMINAR_TITLE = "地域情報セキュリティセミナー";

export function demoSeminarInput(): EventInput {
  return {
    title: DEMO_SEMINAR_TITLE,
    theme: "最新のサイバー攻撃の実態とセキュリティ対策課題",
    description: "会場（ホテルニュー長崎）とオンライン（Webex）の両方で開催します。",
    audience: "public",
    startsAt: "2021-01-27T15:00:00+09:00",
    endsAt: "2021-01-27T17:00:00+09:00",
    receptionAt: "2021-01-27T14:30:00+09:00",
    venueName: "ホテルニュー長崎",
    venueRoom: "3階 鳳凰の間",
    venueAddress: "長崎市大黒町14-5",
    venuePhone: "095-826-8000",
    onlineTool: "Webex",
    onlineJoinUrl: "https://webex.example.invalid/meet/nisa-seminar-20210127",
    feeText: "無料",
    organiser: "一般社団法人長崎県情報産業協会",
    registrationOpensAt: "2021-01-06T09:00:00+09:00",
    registrationClosesAt: "2021-01-27T12:00:00+09:00",
    consentText: "ご記入いただいた個人情報は、本セミナーの運営と今後のご案内にのみ利用します。",
    seatTypes: [
      { key: "venue", label: "会場（NISA会員）", capacity: 30, waitlist: true },
      { key: "online", label: "オンライン（会員・一般）", capacity: 50, waitlist: true },
    ],
    sessions: [
      {
        title: "長崎県内のサイバーセキュリティについて",
        startsAt: "2021-01-27T15:00:00+09:00",
        endsAt: "2021-01-27T15:25:00+09:00",
        speakers: [{ name: "課長補佐（警部）", affiliation: "長崎県警察本部 生活安全部 サイバー犯罪対策課" }],
      },
      {
        title: "最新のサイバー攻撃の実態とセキュリティ対策課題",
        startsAt: "2021-01-27T15:30:00+09:00",
        endsAt: "2021-01-27T17:00:00+09:00",
        abstract:
          "攻撃者は日々新たな攻撃手法やマルウェアを次々に生み出しています。このような状況で自組織の情報資産を守るためには、攻撃者の狙いと攻撃手法の理解が欠かせません。最新の脅威動向のリサーチャーから、特に日本を対象とした攻撃事例を解説しながら IT管理者として知っておくべき脅威と攻撃手法の最新動向や、法人組織において必要なセキュリティ対策を解説します。",
        speakers: [
          {
            name: "シニアセキュリティアナリスト / 上級サイバークライムアナリスト",
            affiliation: "トレンドマイクロ株式会社 公共ビジネス本部",
          },
        ],
      },
    ],
  };
}

/** Venue: the prefecture, NISA officers and staff, the press, the speakers' companions. */
const VENUE: [string, Sector, number][] = [
  ["長崎県産業労働部", "government", 3],
  ["長崎県情報産業協会", "industry", 8],
  ["長崎新聞社", "media", 2],
  ["長崎県警察本部", "government", 2],
  ["トレンドマイクロ株式会社", "industry", 3],
];
/** Online: the organisations the report lists, and NISA member companies. */
const ONLINE: [string, Sector, number][] = [
  ["長崎県産業労働部", "government", 4],
  ["佐世保工業会", "industry", 4],
  ["長崎県中小企業団体中央会", "industry", 4],
  ["長崎工業会", "industry", 4],
  ["みずほ情報総研", "industry", 1],
  ["長崎県発明協会", "nonprofit", 3],
  ["ながさき地域政策研究所", "nonprofit", 1],
  ["長崎県工業技術センター", "government", 3],
  ["長崎県立大学", "academia", 4],
  ["三菱重工業", "industry", 1],
  ["九州経済産業局", "government", 3],
  ["西村商会", "industry", 1],
  ["九州テン", "industry", 1],
  ["東洋トラスト特機", "industry", 1],
  ["振興産業", "industry", 1],
  ["株式会社亀山電機", "industry", 3],
  ["扇精光ソリューションズ株式会社", "industry", 3],
  ["オフィスメーション株式会社", "industry", 2],
  ["十八ソフトウェア株式会社", "industry", 3],
  ["株式会社ユースフル", "industry", 2],
  ["長崎県情報産業協会", "industry", 3],
];

function expand(list: [string, Sector, number][], prefix: string) {
  return list
    .flatMap(([organisation, sector, count]) => Array.from({ length: count }, () => ({ organisation, sector })))
    .map((p, i) => ({
      ...p,
      name: `${p.organisation} 参加者${i + 1}`,
      email: `${prefix}-${String(i + 1).padStart(2, "0")}@demo.example.jp`,
    }));
}

export const eventsDemo: DemoStep = {
  name: "events",
  async run({ db, actor, accounts, log }) {
    const existing = await db
      .selectFrom("events")
      .select("id")
      .where("title", "=", DEMO_SEMINAR_TITLE)
      .where("starts_at", "=", "2021-01-27T06:00:00.000Z")
      .executeTakeFirst();
    if (existing) {
      log(`seminar: already there (${existing.id})`);
      return;
    }
    // The demo replays January 2021 on its own clock, so registration windows and mail dates fit.
    const clock = fixedClock("2021-01-06T01:00:00.000Z");
    // Registrants' links are derived from the server secret, which Better Auth was given too.
    const secret = accounts.auth.options.secret;
    if (!secret) throw new Error("the demo needs the server secret");
    const deps: EventsDeps = { db, clock, baseUrl: accounts.baseUrl, secret };
    const event = await createEvent(deps, actor, demoSeminarInput());
    const organisations = new Map(
      (await db.selectFrom("organisations").select(["id", "name"]).execute()).map((o) => [o.name, o.id]),
    );
    const register = async (
      person: { name: string; email: string; organisation: string; sector: Sector },
      seatType: string,
    ) => {
      clock.advance(17 * 60_000);
      return registerAttendee(deps, actor, event.id, {
        ...person,
        organisationId: organisations.get(person.organisation) ?? null,
        seatType,
        consent: true,
      });
    };
    const venue = expand(VENUE, "venue");
    const online = expand(ONLINE, "online");
    for (const person of venue) await register(person, "venue");
    for (const person of online.slice(0, 52)) await register(person, "online");

    // COVID measures: the venue goes down to 15; the 3 latest are moved online and wait there.
    clock.set("2021-01-20T01:00:00.000Z");
    const cut = await changeSeatCapacity(deps, actor, event.id, "venue", { capacity: 15 });
    const confirmedAtVenue = await listRegistrations(db, actor, event.id, {
      seatType: "venue",
      status: "confirmed",
      limit: 100,
    });
    for (const over of confirmedAtVenue.items.slice(15))
      await moveRegistration(deps, actor, over.id, { seatType: "online" });
    const raised = await changeSeatCapacity(deps, actor, event.id, "online", { capacity: 55 });
    log(
      `seminar: venue cut 30→15 (${cut.over} moved online), online raised 50→55 (${raised.promoted.length} promoted from the waitlist)`,
    );

    // The day: 15 at the door, 55 in the Webex attendance list.
    clock.set("2021-01-27T05:40:00.000Z");
    const atVenue = await listRegistrations(db, actor, event.id, {
      seatType: "venue",
      status: "confirmed",
      limit: 100,
    });
    for (const r of atVenue.items) {
      clock.advance(60_000);
      await checkInAttendee(deps, actor, event.id, { ticket: r.ticketCode });
    }
    const onlineConfirmed = await listRegistrations(db, actor, event.id, {
      seatType: "online",
      status: "confirmed",
      limit: 100,
    });
    const webex = [
      "Name,Email,Join Time,Leave Time,Duration",
      ...onlineConfirmed.items.map((r) => `"${r.name}",${r.email},2021-01-27 14:58,2021-01-27 17:01,123`),
    ].join("\n");
    const preview = await previewAttendanceImport(deps, actor, event.id, {
      file: new TextEncoder().encode(webex),
      minimumMinutes: 30,
    });
    const attendance = await commitAttendanceImport(deps, actor, event.id, preview);
    await recordPressCoverage(deps, actor, event.id, {
      outlet: "長崎新聞",
      publishedOn: "2021-01-28",
      note: "地域情報セキュリティセミナーの開催を報道",
    });
    log(
      `seminar: ${event.id} — ${atVenue.items.length} checked in at the venue, ${attendance.marked} attended online; press: 長崎新聞`,
    );
  },
};
