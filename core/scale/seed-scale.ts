/**
 * The scale seed (issue 18): an installation the size the path to scale is planned for — by
 * default 60 communities, 30,000 organisations, 200,000 people, 600 seminars with 60,000
 * registrations and 200,000 answers to the standard questionnaire in one fiscal year — and a
 * programme over all of them, so the programme office's key figures and the questionnaire
 * comparison have real work (bench/scale, docs/programme.md §Scale).
 *
 * Each community is created as the operator creates one (create-community.ts), and its seminars
 * and survey through the use cases a secretariat's clicks run (createEvent, createSurvey); the
 * bulk — organisations, people, qualifications, posture, 自社診断 scores, registrations with
 * attendance, invitations and answers — is written in multi-row inserts (hundreds of rows per
 * statement, one transaction per community and table) through the community's scoped database,
 * so the plugin sets `community_id` as on every other write. The survey's running counts are then
 * rebuilt from the stored answers (tallies.ts), as after a restore.
 *
 * What is generated is deterministic: the same sizes, prefix and seed give the same names, codes,
 * choices, dates and counts (a seeded PRNG, prng.ts). Ids, ticket codes and token hashes are
 * random, as everywhere (db/ids.ts): they must stay unguessable in an installation that keeps them.
 */
import { randomBytes } from "node:crypto";
import type { Insertable, Kysely } from "kysely";
import { z } from "zod";
import { communityScope } from "../../db/community-scope.ts";
import type { DialectName } from "../../db/dialect.ts";
import { newId } from "../../db/ids.ts";
import type { DB } from "../../db/schema.ts";
import { fromJapanLocal, japanDay } from "../../i18n/dates.ts";
import type { Actor } from "../accounts/actor.ts";
import { createCommunity } from "../communities/create-community.ts";
import { industries, type Sector, type sizeBands } from "../community/codes.ts";
import { organisationSearchText } from "../community/organisation-input.ts";
import { personSearchText } from "../community/person-input.ts";
import { SELF_CHECK_KIND, smeSizeBands } from "../community/posture-codes.ts";
import { createEvent } from "../events/create-event.ts";
import { newTicketCode, registrationToken, registrationTokenHash } from "../events/registration-links.ts";
import { createProgramme } from "../programme/create-programme.ts";
import { fiscalYearSchema } from "../reports/fiscal-year-input.ts";
import { type Clock, fixedClock } from "../shared/clock.ts";
import { sha256 } from "../shared/crypto.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import { type Answers, checkAnswers } from "../surveys/check-answers.ts";
import { createSurvey } from "../surveys/create-survey.ts";
import { listQuestions, type SurveyDefinition } from "../surveys/definition.ts";
import { nagasakiDemoAnswers } from "../surveys/demo-answers.ts";
import { selfCheckBand } from "../surveys/self-check-score.ts";
import { rebuildTalliesIn } from "../surveys/tallies.ts";
import { prefectures } from "../surveys/templates/prefectures.ts";
import { REGIONAL_STANDARD } from "../surveys/templates/regional-standard.ts";
import { type Prng, seededPrng } from "./prng.ts";
import {
  companyStems,
  companyTrades,
  departments,
  familyNames,
  givenNames,
  seminarThemes,
  titles,
} from "./scale-names.ts";

const count = (fallback: number) => z.number().int().min(0).max(10_000_000).default(fallback);

export const FULL_SCALE = {
  communities: 60,
  organisations: 30_000,
  people: 200_000,
  events: 600,
  registrations: 60_000,
  answers: 200_000,
} as const;

export const seedScaleInput = z
  .object({
    communities: z.number().int().min(1).max(200).default(FULL_SCALE.communities),
    organisations: count(FULL_SCALE.organisations),
    people: count(FULL_SCALE.people),
    events: count(FULL_SCALE.events),
    registrations: count(FULL_SCALE.registrations),
    answers: count(FULL_SCALE.answers),
    fiscalYear: fiscalYearSchema.default(2020),
    /** the communities are `<prefix>-01`, `<prefix>-02`, …; the programme is `<prefix>` */
    prefix: z
      .string()
      .trim()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/)
      .default("scale"),
    /** when given, community `<slug>` answers at the host name `<slug>.<hostSuffix>` */
    hostSuffix: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9.-]+$/)
      .optional(),
    seed: z.string().min(1).max(200).default("chiiki-scale"),
  })
  .refine((v) => v.registrations === 0 || v.events >= v.communities, {
    path: ["events"],
    message: "field.scale-events-per-community",
  });
export type SeedScaleInput = z.input<typeof seedScaleInput>;

export interface SeedScaleDeps {
  root: Kysely<DB>;
  dialect: DialectName;
  /** when the communities and the programme are created (the data itself is dated in the fiscal year) */
  clock: Clock;
  /** the server secret: registrants' links are derived from it (registration-links.ts) */
  secret: string;
  baseUrl: string;
  /** progress, one line per community */
  log?: (line: string) => void;
}

/** What one community received: the figures its key figures should show. */
export interface SeededCommunity {
  id: string;
  slug: string;
  name: string;
  organisations: number;
  members: number;
  people: number;
  events: number;
  registeredVenue: number;
  registeredOnline: number;
  attendedVenue: number;
  attendedOnline: number;
  answers: number;
  invited: number;
  invitedAnswered: number;
}

export interface SeedScaleResult {
  programme: string;
  fiscalYear: number;
  communities: SeededCommunity[];
  seconds: number;
}

/** `total` split over `parts`: the first `total % parts` get one more. */
export function shareOf(total: number, parts: number, index: number): number {
  return Math.floor(total / parts) + (index < total % parts ? 1 : 0);
}

/** Rows per statement: hundreds, and far below both databases' bound-parameter limits. */
async function insertRows<T extends keyof DB & string>(
  db: Kysely<DB>,
  table: T,
  rows: readonly Insertable<DB[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).length + 1;
  const size = Math.max(1, Math.min(500, Math.floor(20_000 / columns)));
  for (let i = 0; i < rows.length; i += size)
    await (db as Kysely<any>)
      .insertInto(table)
      .values(rows.slice(i, i + size) as any[])
      .execute();
}

const sectorWeights: Record<Sector, number> = {
  industry: 72,
  government: 7,
  academia: 6,
  finance: 5,
  media: 3,
  nonprofit: 5,
  other: 2,
};
const sizeWeights: Record<(typeof sizeBands)[number], number> = {
  "1-5": 20,
  "6-20": 28,
  "21-50": 20,
  "51-100": 12,
  "101-300": 10,
  "301-1000": 6,
  "1001+": 4,
};
const companyIndustries = industries.filter((i) => companyTrades[i]);

interface Organisation {
  id: string;
  name: string;
  sector: Sector;
  member: boolean;
  sme: boolean;
  domain: string;
}
interface Person {
  id: string;
  name: string;
  email: string;
  organisation: Organisation | null;
}

/** Midnight-to-minute instants inside the fiscal year, in Japan time. */
function dayIn(prng: Prng, fiscalYear: number, fromMonthOffset = 0, toMonthOffset = 11): string {
  const month = prng.int(fromMonthOffset, toMonthOffset);
  const year = fiscalYear + (month + 3 >= 12 ? 1 : 0);
  const m = ((month + 3) % 12) + 1;
  return `${year}-${String(m).padStart(2, "0")}-${String(prng.int(1, 28)).padStart(2, "0")}`;
}

function organisationRow(
  prng: Prng,
  community: { slug: string; prefecture: string; prefectureName: string },
  index: number,
  fiscalYear: number,
  now: Date,
): { row: Insertable<DB["organisations"]>; org: Organisation } {
  const sector = prng.weighted(sectorWeights);
  const at = now.toISOString();
  let name: string;
  let reading: string;
  let industry: string | null;
  let sizeBand: string | null;
  const [stem, stemReading] = prng.pick(companyStems);
  const place = community.prefectureName.replace(/[都府県]$/, "");
  switch (sector) {
    case "government":
      [name, reading] = prng.chance(0.5)
        ? [
            `${community.prefectureName}${prng.pick(["産業労働部", "商工観光課", "情報政策課", "警察本部"])}${index}`,
            "",
          ]
        : [`${stem}市役所 情報政策課${index}`, `${stemReading}しやくしょ`];
      industry = "public";
      sizeBand = null;
      break;
    case "academia":
      [name, reading] = [`${place}${stem}大学${index}`, `${stemReading}だいがく`];
      industry = "education";
      sizeBand = null;
      break;
    case "finance":
      [name, reading] = [`${stem}銀行${index}`, `${stemReading}ぎんこう`];
      industry = "finance";
      sizeBand = prng.pick(["101-300", "301-1000", "1001+"]);
      break;
    case "media":
      [name, reading] = [`${place}${stem}新聞社${index}`, `${stemReading}しんぶんしゃ`];
      industry = "services";
      sizeBand = prng.weighted(sizeWeights);
      break;
    case "nonprofit":
      [name, reading] = [`NPO法人${stem}ICT支援ネット${index}`, `${stemReading}あいしーてぃーしえんねっと`];
      industry = "services";
      sizeBand = prng.pick(["1-5", "6-20"]);
      break;
    case "industry": {
      industry = prng.pick(companyIndustries);
      const [trade, tradeReading] = prng.pick(companyTrades[industry]!);
      [name, reading] = prng.chance(0.6)
        ? [`株式会社${stem}${trade}${index}`, `${stemReading}${tradeReading}`]
        : [`${stem}${trade}株式会社${index}`, `${stemReading}${tradeReading}`];
      sizeBand = prng.weighted(sizeWeights);
      break;
    }
    default:
      [name, reading] = [`${stem}協議会${index}`, `${stemReading}きょうぎかい`];
      industry = "other";
      sizeBand = null;
  }
  const membership = prng.weighted({ member: 65, partner: 5, none: 30 });
  const memberSince = membership === "member" ? `${fiscalYear - prng.int(0, 6)}-04-01` : null;
  const website = prng.chance(0.7) ? `https://o${index}.${community.slug}.example.jp/` : null;
  const id = newId(now.getTime());
  return {
    row: {
      id,
      name,
      reading,
      sector,
      prefecture: community.prefecture,
      industry,
      size_band: sizeBand,
      membership,
      membership_type: membership === "member" ? prng.pick(["正会員", "賛助会員"]) : null,
      member_since: memberSince,
      website,
      address: null,
      notes: null,
      search_text: organisationSearchText({ name, reading, address: null, website }),
      merged_into_id: null,
      corporate_number: null,
      created_at: at,
      updated_at: at,
    },
    org: {
      id,
      name,
      sector,
      member: membership === "member",
      sme: membership === "member" && (smeSizeBands as readonly string[]).includes(sizeBand ?? ""),
      domain: `o${index}.${community.slug}.example.jp`,
    },
  };
}

function postureRows(prng: Prng, org: Organisation, fiscalYear: number, now: Date) {
  const rows: Insertable<DB["organisation_posture"]>[] = [];
  const add = (kind: string, level: string, reference: string | null, validYears?: number) => {
    const since = dayIn(prng, fiscalYear - prng.int(0, 2));
    rows.push({
      id: newId(now.getTime()),
      organisation_id: org.id,
      kind,
      level,
      reference,
      since,
      valid_until: validYears ? `${Number(since.slice(0, 4)) + validYears}${since.slice(4)}` : null,
      note: null,
      recorded_by: "scale seed",
      recorded_at: now.toISOString(),
    });
  };
  const action = prng.weighted({ "one-star": 35, "two-star": 20, none: 45 });
  if (action !== "none") add("security-action", action, `${prng.int(10_000_000, 99_999_999)}`);
  if (prng.chance(0.05)) add("scs", prng.chance(0.8) ? "star-3" : "star-4", null, 3);
  if (prng.chance(0.1)) add("otasuketai", "yes", "サイバーセキュリティお助け隊サービス");
  if (prng.chance(0.18)) add("cyber-insurance", "yes", "損害保険（サイバー保険）");
  return rows;
}

/**
 * The demo's answer sets, each checked once by the server's check, then varied per respondent:
 * Q1 (trade) and Q2 (size) drawn among their listed choices and Q3 set to the community's
 * prefecture. No condition of the template reads Q1–Q3, so a varied set stays a valid one
 * (the test checks the stored answers again).
 */
function answerMaker(definition: SurveyDefinition) {
  const base = nagasakiDemoAnswers(["t1", "t2"]).map((a) => {
    // The survey rates no talks: no Q16.
    const { q16: _talks, q16_attended: _attended, ...rest } = a;
    const checked = checkAnswers(definition, rest as Answers);
    if (checked.errors.length) throw new Error("scale seed: a demo answer set does not fit the template");
    return checked.data;
  });
  const tradeChoices = industries.filter((i) => i !== "other");
  return (prng: Prng, prefecture: string): string => {
    const a = base[prng.int(0, base.length - 1)]!;
    // その他 carries its own text: an "other" trade stays as it was; the others move among the listed ones.
    const q1 = a.q1 === undefined || a.q1 === "other" ? a.q1 : prng.pick(tradeChoices);
    const q2 = a.q2 === undefined ? undefined : prng.weighted(sizeWeights);
    return JSON.stringify({
      ...a,
      ...(q1 === undefined ? {} : { q1 }),
      ...(q2 === undefined ? {} : { q2 }),
      ...(a.q3 === undefined ? {} : { q3: prefecture }),
    });
  };
}

/**
 * Seeds `communities` communities with the given totals split evenly between them, and a
 * programme `<prefix>` over them all. Only the operator at the command line (and the bench).
 */
export async function seedScale(deps: SeedScaleDeps, actor: Actor, raw: SeedScaleInput): Promise<SeedScaleResult> {
  if (actor.kind !== "system") throw new AppError("forbidden");
  const input = parseInput(seedScaleInput, raw);
  const started = performance.now();
  const log = deps.log ?? (() => {});
  const fy = input.fiscalYear;
  const seeded: SeededCommunity[] = [];
  const n = input.communities;
  let makeAnswers: ReturnType<typeof answerMaker> | undefined;
  for (let c = 0; c < n; c++) {
    const prng = seededPrng(`${input.seed}|${input.prefix}|${c}`);
    const prefecture = prefectures[c % prefectures.length]!;
    const round = Math.floor(c / prefectures.length);
    const slug = `${input.prefix}-${String(c + 1).padStart(2, "0")}`;
    const name = `${prefecture.ja}${round ? `第${round + 1}` : ""}地域SECURITY`;
    const community = await createCommunity({ root: deps.root, clock: deps.clock }, actor, {
      slug,
      name,
      nameEn: `${prefecture.en}${round ? ` ${round + 1}` : ""} Regional SECURITY`,
      ...(input.hostSuffix ? { host: `${slug}.${input.hostSuffix}` } : {}),
    });
    const db = deps.root.withPlugin(communityScope(community.id));
    // The data is dated in the fiscal year: the registry as it stood in spring, then the year's seminars.
    const clock = fixedClock(fromJapanLocal(`${fy}-04-01T09:00`).toISOString());
    const now = clock.now();
    const where = { slug, prefecture: prefecture.value, prefectureName: prefecture.ja };

    // The registry: organisations, people (a few 登録セキスペ), posture of member SMEs, 自社診断 scores.
    const orgCount = shareOf(input.organisations, n, c);
    const orgs: Organisation[] = [];
    const orgRows: Insertable<DB["organisations"]>[] = [];
    for (let i = 0; i < orgCount; i++) {
      const { row, org } = organisationRow(prng, where, i + 1, fy, now);
      orgRows.push(row);
      orgs.push(org);
    }
    const peopleCount = shareOf(input.people, n, c);
    const people: Person[] = [];
    const personRows: Insertable<DB["people"]>[] = [];
    const qualificationRows: Insertable<DB["qualifications"]>[] = [];
    for (let i = 0; i < peopleCount; i++) {
      const org = orgs.length ? orgs[prng.int(0, orgs.length - 1)]! : null;
      const [family, familyReading, familyRomaji] = prng.pick(familyNames);
      const [given, givenReading, givenRomaji] = prng.pick(givenNames);
      const email = `${givenRomaji}.${familyRomaji}.${i + 1}@${org?.domain ?? `${slug}.example.jp`}`;
      const row = {
        id: newId(now.getTime()),
        organisation_id: org?.id ?? null,
        family_name: family,
        given_name: given,
        family_reading: familyReading,
        given_reading: givenReading,
        department: org && org.sector !== "academia" ? prng.pick(departments) : null,
        title: org ? prng.pick(titles) : null,
        email,
        phone: null,
        mail_opt_in: prng.chance(0.8) ? 1 : 0,
        user_id: null,
        notes: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      };
      personRows.push({ ...row, search_text: personSearchText(row) });
      people.push({ id: row.id, name: `${family} ${given}`, email, organisation: org });
      if (org?.member && prng.chance(0.03))
        qualificationRows.push({
          id: newId(now.getTime()),
          person_id: row.id,
          kind: "riss",
          name: null,
          registration_number: String(prng.int(100_000, 999_999)).padStart(6, "0"),
          acquired_on: `${fy - prng.int(0, 5)}-10-01`,
          renewal_due_on: null,
          created_at: now.toISOString(),
        });
    }
    const postureRowsAll: Insertable<DB["organisation_posture"]>[] = [];
    for (const org of orgs) {
      if (org.sme) postureRowsAll.push(...postureRows(prng, org, fy, now));
      if (org.member && prng.chance(0.25)) {
        const total = Math.max(
          -25,
          Math.min(100, Math.round(60 + (prng.next() + prng.next() + prng.next() - 1.5) * 40)),
        );
        postureRowsAll.push({
          id: newId(now.getTime()),
          organisation_id: org.id,
          kind: SELF_CHECK_KIND,
          level: selfCheckBand(total),
          reference: null,
          since: dayIn(prng, fy, 2, 10),
          valid_until: null,
          note: null,
          recorded_by: "self-check",
          recorded_at: now.toISOString(),
          score: total,
          survey_id: null,
        });
      }
    }
    await db.transaction().execute(async (trx) => {
      await insertRows(trx, "organisations", orgRows);
      await insertRows(trx, "people", personRows);
      await insertRows(trx, "qualifications", qualificationRows);
      await insertRows(trx, "organisation_posture", postureRowsAll);
    });

    // The year's seminars (hybrid: a venue and online), through the use case; then their registrations.
    const eventCount = shareOf(input.events, n, c);
    const registrationCount = shareOf(input.registrations, n, c);
    const totals = { registeredVenue: 0, registeredOnline: 0, attendedVenue: 0, attendedOnline: 0 };
    for (let e = 0; e < eventCount; e++) {
      const perEvent = shareOf(registrationCount, eventCount, e);
      // Spread over May to February, a seminar every few weeks.
      const startDay = new Date(
        fromJapanLocal(`${fy}-05-10T14:00`).getTime() + Math.floor((e * 280) / eventCount) * 86_400_000,
      );
      const starts = japanDay(startDay);
      const startsAt = fromJapanLocal(`${starts}T14:00`);
      const theme = seminarThemes[(c + e) % seminarThemes.length]!;
      clock.set(new Date(startsAt.getTime() - 30 * 86_400_000).toISOString());
      const event = await createEvent({ db, clock, baseUrl: deps.baseUrl, secret: deps.secret }, actor, {
        title: `${name} 第${e + 1}回セミナー「${theme}」`,
        theme,
        description: "会場とオンラインの両方で開催します。",
        audience: "public",
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 150 * 60_000).toISOString(),
        venueName: `${prefecture.ja}産業支援センター`,
        onlineTool: "Zoom",
        onlineJoinUrl: `https://zoom.example.invalid/j/${slug}-${e + 1}`,
        feeText: "無料",
        organiser: name,
        registrationOpensAt: clock.now().toISOString(),
        registrationClosesAt: new Date(startsAt.getTime() - 2 * 3_600_000).toISOString(),
        seatTypes: [
          { key: "venue", label: "会場", capacity: Math.max(1, perEvent), waitlist: true },
          { key: "online", label: "オンライン", capacity: Math.max(1, perEvent), waitlist: true, online: true },
        ],
        sessions: [
          { title: theme, speakers: [{ name: "セキュリティコンサルタント", affiliation: "デモセキュリティ株式会社" }] },
        ],
      });
      const who = prng.sample(people.length, Math.min(people.length, perEvent));
      const rows: Insertable<DB["registrations"]>[] = [];
      for (let r = 0; r < perEvent; r++) {
        const person = r < who.length ? people[who[r]!]! : null;
        const online = prng.chance(0.55);
        const attended = prng.chance(online ? 0.75 : 0.82);
        const at = new Date(clock.now().getTime() + Math.floor((r * 25 * 86_400_000) / Math.max(1, perEvent)));
        const id = newId(at.getTime());
        rows.push({
          id,
          event_id: event.id,
          seat_type_key: online ? "online" : "venue",
          status: "confirmed",
          name: person?.name ?? `参加者 ${r + 1}`,
          email: person?.email ?? `guest-${e + 1}-${r + 1}@${slug}.example.jp`,
          organisation_id: person?.organisation?.id ?? null,
          organisation_name: person?.organisation?.name ?? null,
          sector: person?.organisation?.sector ?? null,
          person_id: person?.id ?? null,
          user_id: null,
          answers_json: "{}",
          arrival_sequence: r + 1,
          ticket_code: newTicketCode(),
          token_hash: registrationTokenHash(registrationToken(deps.secret, id)),
          checked_in_at:
            !online && attended ? new Date(startsAt.getTime() - prng.int(0, 30) * 60_000).toISOString() : null,
          attended_online: online && attended ? 1 : 0,
          online_minutes: online && attended ? prng.int(30, 150) : null,
          walk_in: 0,
          reminded_at: null,
          locale: "ja",
          created_at: at.toISOString(),
          updated_at: at.toISOString(),
          cancelled_at: null,
          attendee_role: null,
        });
        if (online) totals.registeredOnline++;
        else totals.registeredVenue++;
        if (attended && online) totals.attendedOnline++;
        if (attended && !online) totals.attendedVenue++;
      }
      await db.transaction().execute(async (trx) => {
        await insertRows(trx, "registrations", rows);
        await trx.updateTable("events").set({ registration_sequence: perEvent }).where("id", "=", event.id).execute();
      });
    }

    // The standard questionnaire of the year (Q1–Q17), answered at and after the seminars; some by invitation.
    const answerCount = shareOf(input.answers, n, c);
    clock.set(fromJapanLocal(`${fy}-06-01T09:00`).toISOString());
    const survey = await createSurvey({ db, dialect: deps.dialect, clock, baseUrl: deps.baseUrl }, actor, {
      title: `${fy}年度 ${name} 実態把握調査`,
      template: REGIONAL_STANDARD,
      talks: [],
      opensAt: fromJapanLocal(`${fy}-06-01T09:00`).toISOString(),
      closesAt: fromJapanLocal(`${fy + 1}-03-15T17:00`).toISOString(),
    });
    const definition = JSON.parse(
      (await db.selectFrom("surveys").select("definition_json").where("id", "=", survey.id).executeTakeFirstOrThrow())
        .definition_json,
    ) as SurveyDefinition;
    // Every community's survey is the same template: its answer sets are checked once per run.
    makeAnswers ??= answerMaker(definition);
    const window = fromJapanLocal(`${fy + 1}-03-15T17:00`).getTime() - clock.now().getTime();
    const responseRows: Insertable<DB["survey_responses"]>[] = [];
    for (let a = 0; a < answerCount; a++) {
      const at = new Date(clock.now().getTime() + Math.floor((a * window) / Math.max(1, answerCount))).toISOString();
      responseRows.push({
        id: newId(Date.parse(at)),
        survey_id: survey.id,
        answers_json: makeAnswers(prng, prefecture.value),
        status: "complete",
        source: "import",
        resume_hash: null,
        resume_page: null,
        created_at: at,
        updated_at: at,
        completed_at: at,
      });
    }
    // Invitations to half as many as answered, to people with an address; 70 % of them answered.
    const invitedCount = Math.min(people.length, Math.round(answerCount / 2));
    const invitedAnswered = Math.min(answerCount, Math.round(invitedCount * 0.7));
    const invitationRows: Insertable<DB["survey_invitations"]>[] = prng
      .sample(people.length, invitedCount)
      .map((p, k) => {
        const person = people[p]!;
        return {
          id: newId(clock.now().getTime()),
          survey_id: survey.id,
          email: person.email,
          person_id: person.id,
          organisation_id: person.organisation?.id ?? null,
          token_hash: sha256(randomBytes(24).toString("base64url")),
          state: k < invitedAnswered ? "completed" : "invited",
          invited_at: clock.now().toISOString(),
          completed_at: k < invitedAnswered ? dayIn(prng, fy, 2, 10) : null,
          reminded_at: null,
          reminder_count: 0,
        };
      });
    await db.transaction().execute(async (trx) => {
      await insertRows(trx, "survey_responses", responseRows);
      await insertRows(trx, "survey_invitations", invitationRows);
      await trx.updateTable("surveys").set({ status: "closed" }).where("id", "=", survey.id).execute();
      await rebuildTalliesIn(trx, survey.id, listQuestions(definition));
    });

    const result: SeededCommunity = {
      id: community.id,
      slug,
      name,
      organisations: orgCount,
      members: orgs.filter((o) => o.member).length,
      people: peopleCount,
      events: eventCount,
      ...totals,
      answers: answerCount,
      invited: invitedCount,
      invitedAnswered,
    };
    seeded.push(result);
    log(
      `${slug} ${name}: ${orgCount} organisations, ${peopleCount} people, ${eventCount} seminars, ` +
        `${registrationCount} registrations, ${answerCount} answers`,
    );
  }
  const programme = await createProgramme({ root: deps.root, dialect: deps.dialect, clock: deps.clock }, actor, {
    slug: input.prefix,
    name: `地域SECURITY 全国（規模試験 ${n} コミュニティ）`,
    nameEn: `Regional SECURITY, nationwide (scale test, ${n} communities)`,
    communities: seeded.map((s) => s.slug),
  });
  return {
    programme: programme.slug,
    fiscalYear: fy,
    communities: seeded,
    seconds: (performance.now() - started) / 1000,
  };
}
