/**
 * A small FY2020 written straight into the other capabilities' tables (as contracts.md names
 * them), so the report's tests and bench do not depend on their demo steps: an agreement of
 * 産・学・官 bodies, a consortium, a research group with its officer, a stakeholder meeting with
 * attendees and decisions, the hybrid seminar with attendance and press, and the seed's survey
 * (the surveys capability's own demo answers, 28 of them).
 */
import type { Kysely } from "kysely";
import { newId } from "../../db/ids.ts";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../accounts/actor.ts";
import type { AccountsDeps } from "../accounts/deps.ts";
import type { DialectName } from "../../db/dialect.ts";
import { fixedClock } from "../shared/clock.ts";
import { surveysDemo } from "../surveys/demo.ts";

const now = "2021-03-01T00:00:00.000Z";
let sequence = 0;
const id = () => newId(Date.parse("2021-01-01T00:00:00Z") + sequence++);

async function organisation(
  db: Kysely<DB>,
  name: string,
  sector: string,
  prefecture = "nagasaki",
  website: string | null = null,
): Promise<string> {
  const orgId = id();
  await db
    .insertInto("organisations")
    .values({
      id: orgId,
      name,
      reading: name,
      sector,
      prefecture,
      industry: null,
      size_band: null,
      membership: "none",
      membership_type: null,
      member_since: null,
      website,
      address: null,
      notes: null,
      search_text: name,
      merged_into_id: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return orgId;
}

export async function loadReportTestYear(db: Kysely<DB>, dialect: DialectName, actor: Actor): Promise<void> {
  for (const [key, value] of Object.entries({
    community_name: "長崎地域SECURITY",
    community_operator: "一般社団法人長崎県情報産業協会",
  })) {
    await db.insertInto("app_settings").values({ key, value }).execute();
  }
  const nisa = await organisation(db, "長崎県情報産業協会", "industry", "nagasaki", "https://www.nisa.or.jp/");
  const trend = await organisation(db, "トレンドマイクロ株式会社", "industry", "tokyo");
  const university = await organisation(db, "長崎県立大学", "academia");
  const prefecture = await organisation(db, "長崎県", "government");
  const police = await organisation(db, "長崎県警察", "government");
  const kameyama = await organisation(db, "株式会社亀山電機", "industry");

  const agreement = id();
  await db
    .insertInto("agreements")
    .values({
      id: agreement,
      title: "長崎県サイバーセキュリティに関する相互協力協定",
      purpose: "情報共有、技術的支援、意識向上の面で連携・協力する。",
      signed_on: "2017-01-24",
      status: "in-force",
      ended_on: null,
      notes: null,
      search_text: "",
      created_at: now,
      updated_at: now,
    })
    .execute();
  let position = 0;
  for (const party of [nisa, trend, university, prefecture, police]) {
    await db
      .insertInto("agreement_parties")
      .values({
        id: id(),
        agreement_id: agreement,
        organisation_id: party,
        signatory_title: null,
        position: position++,
      })
      .execute();
  }

  const group = async (kind: string, name: string, description: string, members: string[]) => {
    const groupId = id();
    await db
      .insertInto("groups")
      .values({
        id: groupId,
        kind,
        name,
        reading: name,
        host_organisation_id: null,
        description,
        founded_on: "2016-01-07",
        search_text: name,
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (const [index, member] of members.entries())
      await db
        .insertInto("group_memberships")
        .values({
          id: id(),
          group_id: groupId,
          organisation_id: member,
          person_id: null,
          joined_on: null,
          position: index,
        })
        .execute();
    return groupId;
  };
  const sc3 = await group(
    "consortium",
    "サプライチェーン・サイバーセキュリティ・コンソーシアム(SC3)",
    "経済産業省が設立し、IPAが事務局のSC3に会員登録し参加した。",
    [nisa],
  );
  const research = await group(
    "research-group",
    "長崎県サイバーセキュリティ研究会",
    "長崎県立大学が主催する研究会に会員として参加している。",
    [kameyama, nisa, university, prefecture, police],
  );
  await db
    .insertInto("group_officers")
    .values({
      id: id(),
      group_id: research,
      role: "監事",
      person_id: null,
      organisation_id: kameyama,
      term_start: null,
      term_end: null,
      position: 0,
    })
    .execute();
  const division = await group("working-group", "情報セキュリティ部会", "NISA会員による部会。", [nisa]);
  await db
    .insertInto("group_officers")
    .values({
      id: id(),
      group_id: division,
      role: "キーパーソン",
      person_id: null,
      organisation_id: null,
      term_start: null,
      term_end: null,
      position: 0,
    })
    .execute();

  const webinar = id();
  await db
    .insertInto("activities")
    .values({
      id: webinar,
      held_on: "2021-02-01",
      kind: "webinar",
      organiser: "SC3",
      title: "SC3会員向けウェビナー「最近のサイバー攻撃の実態と対策」へ参加",
      description: null,
      group_id: sc3,
      url: null,
      search_text: "",
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto("activity_talks")
    .values({
      id: id(),
      activity_id: webinar,
      position: 0,
      title: "Emotetの手口と対策",
      speaker: null,
      affiliation: "IPA",
    })
    .execute();

  const meeting = id();
  await db
    .insertInto("meetings")
    .values({
      id: meeting,
      group_id: null,
      title: "長崎県の地域情報セキュリティに関する取り組みと活動推進",
      starts_at: "2021-02-09T05:00:00.000Z",
      ends_at: null,
      place: null,
      online_tool: "Webex",
      agenda: "情報セキュリティ人材育成\n情報セキュリティ関連情報の共有",
      minutes_markdown: null,
      search_text: "",
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const [index, [organisationId, label]] of (
    [
      [prefecture, "政策監"],
      [police, "警部"],
      [university, null],
      [nisa, "会長"],
    ] as const
  ).entries()) {
    await db
      .insertInto("meeting_attendees")
      .values({
        id: id(),
        meeting_id: meeting,
        organisation_id: organisationId,
        person_id: null,
        attendee_label: label,
        position: index,
      })
      .execute();
  }
  await db
    .insertInto("decisions")
    .values({
      id: id(),
      meeting_id: meeting,
      position: 0,
      text: "情報セキュリティに関する情報を共有し、関連セミナーへの参加を促進する。",
      owner_organisation_id: null,
      owner_label: null,
      due_on: null,
      status: "open",
      created_at: now,
      updated_at: now,
    })
    .execute();

  const event = id();
  await db
    .insertInto("events")
    .values({
      id: event,
      title: "地域情報セキュリティセミナー",
      theme: "最新のサイバー攻撃の実態とセキュリティ対策課題",
      description: null,
      audience: "public",
      starts_at: "2021-01-27T06:00:00.000Z",
      ends_at: "2021-01-27T08:00:00.000Z",
      reception_at: "2021-01-27T05:30:00.000Z",
      venue_name: "ホテルニュー長崎",
      venue_room: "3階 鳳凰の間",
      venue_address: "長崎市大黒町14-5",
      venue_phone: "095-826-8000",
      online_tool: "Webex",
      online_join_url: null,
      fee_text: "無料",
      organiser: "一般社団法人長崎県情報産業協会",
      co_organisers: null,
      registration_opens_at: "2020-12-20T00:00:00.000Z",
      registration_closes_at: "2021-01-26T15:00:00.000Z",
      status: "published",
      consent_text: null,
      questions_json: "[]",
      registration_sequence: 0,
      feedback_survey_id: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto("event_seat_types")
    .values([
      { id: id(), event_id: event, key: "venue", label: "会場", capacity: 15, waitlist: 0, online: 0, position: 0 },
      {
        id: id(),
        event_id: event,
        key: "online",
        label: "オンライン",
        capacity: 50,
        waitlist: 0,
        online: 1,
        position: 1,
      },
    ])
    .execute();
  // The venue opened with 30 seats and was cut to 15 under COVID rules (as the events capability audits it).
  await db
    .insertInto("audit_events")
    .values({
      id: id(),
      at: "2021-01-10T00:00:00.000Z",
      actor_type: "system",
      actor_id: null,
      actor_label: "system:test",
      action: "event.seat-type.update",
      entity_type: "event",
      entity_id: event,
      before_json: JSON.stringify({ key: "venue", capacity: 30, label: "会場", waitlist: 0 }),
      after_json: JSON.stringify({ key: "venue", capacity: 15 }),
    })
    .execute();
  const talks = [
    ["15:00", "15:25", "長崎県内のサイバーセキュリティについて", "長崎県警察本部 サイバー犯罪対策課 課長補佐"],
    [
      "15:30",
      "17:00",
      "最新のサイバー攻撃の実態とセキュリティ対策課題",
      "トレンドマイクロ株式会社 シニアセキュリティアナリスト",
    ],
  ];
  for (const [i, [from, to, title, speaker]] of talks.entries()) {
    const session = id();
    await db
      .insertInto("event_sessions")
      .values({
        id: session,
        event_id: event,
        position: i,
        starts_at: new Date(`2021-01-27T${from}:00+09:00`).toISOString(),
        ends_at: new Date(`2021-01-27T${to}:00+09:00`).toISOString(),
        title: title!,
        abstract: null,
      })
      .execute();
    await db
      .insertInto("event_speakers")
      .values({
        id: id(),
        session_id: session,
        position: 0,
        name: speaker!,
        reading: null,
        title: null,
        affiliation: null,
        organisation_id: null,
        email: null,
        profile: null,
      })
      .execute();
  }
  const attendees: [string | null, string, boolean][] = [
    ...Array.from({ length: 5 }, () => [nisa, "長崎県情報産業協会", true] as [string, string, boolean]),
    ...Array.from({ length: 10 }, () => [prefecture, "長崎県", true] as [string, string, boolean]),
    ...Array.from({ length: 30 }, () => [null, "佐世保工業会", false] as [null, string, boolean]),
    ...Array.from({ length: 25 }, () => [university, "長崎県立大学", false] as [string, string, boolean]),
  ];
  for (const [n, [organisationId, name, venue]] of attendees.entries()) {
    await db
      .insertInto("registrations")
      .values({
        id: id(),
        event_id: event,
        seat_type_key: venue ? "venue" : "online",
        status: "confirmed",
        name: `参加者${n}`,
        email: `p${n}@example.jp`,
        organisation_id: organisationId,
        organisation_name: name,
        sector: null,
        person_id: null,
        user_id: null,
        answers_json: "{}",
        arrival_sequence: n,
        ticket_code: `t${n}`,
        token_hash: `h${n}`,
        checked_in_at: venue ? "2021-01-27T05:40:00.000Z" : null,
        attended_online: venue ? 0 : 1,
        online_minutes: null,
        walk_in: 0,
        reminded_at: null,
        created_at: now,
        updated_at: now,
        cancelled_at: null,
      })
      .execute();
  }
  await db
    .insertInto("event_press_coverage")
    .values({
      id: id(),
      event_id: event,
      outlet: "長崎新聞",
      published_on: "2021-01-28",
      url: null,
      note: null,
      created_at: now,
    })
    .execute();

  // The surveys demo step needs no accounts: it writes the survey and its answers directly.
  await surveysDemo.run({
    db,
    dialect,
    clock: fixedClock(now),
    accounts: {} as AccountsDeps,
    actor,
    dataDir: "",
    log: () => {},
  });
}
