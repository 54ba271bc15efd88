/**
 * The seed's registry (demo-year.md, sections 2.1–2.5): the 14 bodies of the 2017-01-24
 * agreement grouped 産/学/官, 長崎県サイバーセキュリティ研究会 with its members and its 監事, NISA's
 * 情報セキュリティ部会 with its 部会長 and the vacant キーパーソン post, SC3, Netfocs, the 2021-02-09
 * stakeholder meeting with its decisions, and the activity log. Organisations keep their real
 * names (the events step finds them by name); people are invented or appear by role only.
 * Safe to run twice: each record is looked up by its natural key first.
 */
import type { DemoContext, DemoStep } from "../demo/demo-step.ts";
import type { Sector } from "./codes.ts";
import { createActivity } from "./create-activity.ts";
import { createAgreement } from "./create-agreement.ts";
import { createGroup } from "./create-group.ts";
import { createMeeting } from "./create-meeting.ts";
import { createOrganisation } from "./create-organisation.ts";
import { createPerson } from "./create-person.ts";
import type { CommunityDeps } from "./deps.ts";

/** Bodies are in Nagasaki unless `prefecture` says otherwise (the national companies and IPA are in Tokyo). */
type Body = {
  name: string;
  reading: string;
  sector: Sector;
  membership?: "member" | "partner";
  website?: string;
  signatory?: string;
  prefecture?: "tokyo";
};

/** The agreement's 14 bodies in the seed's order; the police appear as 長崎県警察本部 throughout. */
const AGREEMENT_BODIES: Body[] = [
  {
    name: "長崎県商工会議所連合会",
    reading: "ながさきけんしょうこうかいぎしょれんごうかい",
    sector: "industry",
    signatory: "会長",
  },
  {
    name: "長崎県商工会連合会",
    reading: "ながさきけんしょうこうかいれんごうかい",
    sector: "industry",
    signatory: "会長",
  },
  {
    name: "長崎県産業振興財団",
    reading: "ながさきけんさんぎょうしんこうざいだん",
    sector: "industry",
    signatory: "理事長",
  },
  {
    name: "長崎県情報産業協会",
    reading: "ながさきけんじょうほうさんぎょうきょうかい",
    sector: "industry",
    membership: "member",
    website: "https://www.nisa.or.jp/",
    signatory: "会長",
  },
  {
    name: "長崎県中小企業団体中央会",
    reading: "ながさきけんちゅうしょうきぎょうだんたいちゅうおうかい",
    sector: "industry",
    signatory: "会長",
  },
  {
    name: "NTT西日本長崎支店",
    reading: "えぬてぃーてぃーにしにほんながさきしてん",
    sector: "industry",
    signatory: "支店長",
  },
  { name: "株式会社ラック", reading: "らっく", sector: "industry", prefecture: "tokyo", signatory: "代表取締役社長" },
  {
    name: "トレンドマイクロ株式会社",
    reading: "とれんどまいくろ",
    sector: "industry",
    prefecture: "tokyo",
    signatory: "代表取締役社長",
  },
  { name: "長崎大学", reading: "ながさきだいがく", sector: "academia", signatory: "学長" },
  { name: "長崎県立大学", reading: "ながさきけんりつだいがく", sector: "academia", signatory: "学長" },
  { name: "長崎総合科学大学", reading: "ながさきそうごうかがくだいがく", sector: "academia", signatory: "学長" },
  {
    name: "佐世保工業高等専門学校",
    reading: "させぼこうぎょうこうとうせんもんがっこう",
    sector: "academia",
    signatory: "校長",
  },
  { name: "長崎県", reading: "ながさきけん", sector: "government", signatory: "知事" },
  { name: "長崎県警察本部", reading: "ながさきけんけいさつほんぶ", sector: "government", signatory: "本部長" },
];

/** 研究会 members from industry that are not parties of the agreement; 亀山電機 is a NISA member company (its 監事). */
const RESEARCH_GROUP_COMPANIES: Body[] = [
  { name: "株式会社亀山電機", reading: "かめやまでんき", sector: "industry", membership: "member" },
  {
    name: "扇精光ソリューションズ株式会社",
    reading: "おうぎせいこうそりゅーしょんず",
    sector: "industry",
    membership: "member",
  },
  { name: "オフィスメーション株式会社", reading: "おふぃすめーしょん", sector: "industry", membership: "member" },
  { name: "十八ソフトウェア株式会社", reading: "じゅうはちそふとうぇあ", sector: "industry", membership: "member" },
  { name: "株式会社ユースフル", reading: "ゆーすふる", sector: "industry", membership: "member" },
  { name: "ネット・ウォールアーズ", reading: "ねっと・うぉーるあーず", sector: "industry", membership: "member" },
];

const OTHER_BODIES: Body[] = [
  { name: "アイティースペース株式会社", reading: "あいてぃーすぺーす", sector: "industry", membership: "member" },
  {
    name: "独立行政法人情報処理推進機構",
    reading: "じょうほうしょりすいしんきこう",
    sector: "government",
    prefecture: "tokyo",
    website: "https://www.ipa.go.jp/",
  },
];

/** Invented people (never the seed's individuals), each with a role the seed mentions. */
const PEOPLE = [
  {
    organisation: "長崎県情報産業協会",
    familyName: "浦上",
    givenName: "陽子",
    familyReading: "うらかみ",
    givenReading: "ようこ",
    title: "事務局長",
    email: "office@demo.example.jp",
    mailOptIn: true,
  },
  {
    organisation: "アイティースペース株式会社",
    familyName: "村上",
    givenName: "誠",
    familyReading: "むらかみ",
    givenReading: "まこと",
    title: "代表取締役（NISA副会長・情報セキュリティ部会長）",
    email: "bukaicho@demo.example.jp",
    mailOptIn: true,
    qualifications: [
      { kind: "riss", registrationNumber: "000001", acquiredOn: "2018-04-01", renewalDueOn: "2021-04-01" },
    ],
  },
  {
    organisation: "株式会社亀山電機",
    familyName: "平山",
    givenName: "拓也",
    familyReading: "ひらやま",
    givenReading: "たくや",
    title: "情報システム部長",
    email: "kanji@demo.example.jp",
    mailOptIn: true,
    qualifications: [{ kind: "cissp" }],
  },
  {
    organisation: "長崎県立大学",
    familyName: "大浦",
    givenName: "健",
    familyReading: "おおうら",
    givenReading: "けん",
    department: "情報システム学部 情報セキュリティ学科",
    title: "教授",
    email: "professor@demo.example.jp",
    mailOptIn: true,
    qualifications: [
      { kind: "riss", registrationNumber: "000002", acquiredOn: "2017-10-01", renewalDueOn: "2023-10-01" },
    ],
  },
  {
    organisation: "長崎県警察本部",
    familyName: "坂本",
    givenName: "剛",
    familyReading: "さかもと",
    givenReading: "つよし",
    department: "生活安全部 サイバー犯罪対策課",
    title: "課長補佐（警部）",
    email: "police@demo.example.jp",
    mailOptIn: false,
  },
  {
    organisation: "長崎県",
    familyName: "中島",
    givenName: "里美",
    familyReading: "なかしま",
    givenReading: "さとみ",
    department: "産業労働部",
    title: "係長",
    email: "pref@demo.example.jp",
    mailOptIn: true,
  },
];

export const communityDemo: DemoStep = {
  name: "community",
  async run(context) {
    const deps: CommunityDeps = {
      db: context.db,
      dialect: context.dialect,
      clock: context.clock,
      storage: context.storage,
    };
    const { actor, log } = context;
    const ids = await ensureOrganisations(deps, context, [
      ...AGREEMENT_BODIES,
      ...RESEARCH_GROUP_COMPANIES,
      ...OTHER_BODIES,
    ]);
    const id = (name: string) => ids.get(name)!;

    const people = new Map<string, string>();
    for (const { organisation, ...person } of PEOPLE) {
      const existing = await deps.db
        .selectFrom("people")
        .select("id")
        .where("email", "=", person.email)
        .executeTakeFirst();
      people.set(
        person.email,
        existing?.id ?? (await createPerson(deps, actor, { ...person, organisationId: id(organisation) })).id,
      );
    }

    const agreementTitle = "長崎県サイバーセキュリティに関する相互協力協定";
    if (!(await exists(deps, "agreements", "title", agreementTitle))) {
      await createAgreement(deps, actor, {
        title: agreementTitle,
        signedOn: "2017-01-24",
        status: "in-force",
        purpose:
          "情報セキュリティに関する情報共有、技術的支援、意識向上の面で連携・協力し、安全安心なサイバー空間の実現を目指す。",
        parties: AGREEMENT_BODIES.map((b) => ({ organisationId: id(b.name), signatoryTitle: b.signatory })),
      });
    }

    const researchGroup = await ensureGroup(deps, context, "長崎県サイバーセキュリティ研究会", {
      kind: "research-group",
      reading: "ながさきけんさいばーせきゅりてぃけんきゅうかい",
      hostOrganisationId: id("長崎県立大学"),
      foundedOn: "2016-01-07",
      description:
        "長崎県立大学が主催する研究会。NISA は設立当初から会員として参加し、会員・事務局が定例会議とセミナーに参加している。",
      members: [
        ...[
          "株式会社亀山電機",
          "扇精光ソリューションズ株式会社",
          "オフィスメーション株式会社",
          "十八ソフトウェア株式会社",
          "株式会社ユースフル",
          "長崎県情報産業協会",
          "ネット・ウォールアーズ",
          "長崎県立大学",
          "長崎大学",
          "長崎総合科学大学",
          "佐世保工業高等専門学校",
          "長崎県",
          "長崎県警察本部",
        ].map((name) => ({ organisationId: id(name), joinedOn: name === "長崎県情報産業協会" ? "2016-01-07" : null })),
      ],
      officers: [
        { role: "監事", organisationId: id("株式会社亀山電機"), personId: people.get("kanji@demo.example.jp") },
      ],
    });
    await ensureGroup(deps, context, "情報セキュリティ部会", {
      kind: "working-group",
      reading: "じょうほうせきゅりてぃぶかい",
      hostOrganisationId: id("長崎県情報産業協会"),
      description: "NISA 会員内に設けた部会。地域のキーパーソンが任命されるまで、部会のメンバーがその役割を担う。",
      members: [
        { organisationId: id("長崎県情報産業協会") },
        { organisationId: id("アイティースペース株式会社") },
        { organisationId: id("株式会社亀山電機") },
      ],
      officers: [
        {
          role: "部会長",
          personId: people.get("bukaicho@demo.example.jp"),
          organisationId: id("アイティースペース株式会社"),
          termStart: "2020-04-01",
        },
        { role: "キーパーソン" },
      ],
    });
    const sc3 = await ensureGroup(deps, context, "サプライチェーン・サイバーセキュリティ・コンソーシアム（SC3）", {
      kind: "consortium",
      reading: "さぷらいちぇーん・さいばーせきゅりてぃ・こんそーしあむ",
      hostOrganisationId: id("独立行政法人情報処理推進機構"),
      foundedOn: "2020-11-19",
      description:
        "経済産業省が設立し、IPA が事務局を務める。NISA は会員として登録し、SC3 のセミナー情報をホームページと会員宛メールで周知している。",
      members: [{ organisationId: id("長崎県情報産業協会"), joinedOn: "2020-11-19" }],
      officers: [{ role: "事務局", organisationId: id("独立行政法人情報処理推進機構") }],
    });
    await ensureGroup(deps, context, "Netfocs", {
      kind: "external-community",
      reading: "ねっとふぉっくす",
      description:
        "長崎県でサイバーセキュリティや ICT インフラに関わるエンジニアを中心とした、技術力向上の勉強会と懇親会のコミュニティ。NISA は協会としては参加せず、会員の一部が個人で参加している。",
      members: [],
      officers: [],
    });

    const meetingTitle = "長崎県の地域情報セキュリティに関する取り組みと活動推進について（関係者会議）";
    if (!(await exists(deps, "meetings", "title", meetingTitle))) {
      await createMeeting(deps, actor, {
        title: meetingTitle,
        startsAt: "2021-02-09T15:00",
        onlineTool: "Webex",
        agenda:
          "1. 情報セキュリティ人材育成\n2. 情報セキュリティ関連情報の共有\n3. セミナー開催の周知と参加促進\n4. 今後の取り組み",
        attendees: [
          { organisationId: id("長崎県"), label: "産業労働部（政策監、課長、係長3名）" },
          { organisationId: id("長崎県警察本部"), label: "サイバー犯罪対策課（警部 1名）" },
          { organisationId: id("長崎県立大学"), label: "情報システム学部 情報セキュリティ学科" },
          { organisationId: id("トレンドマイクロ株式会社") },
          { organisationId: id("長崎県情報産業協会"), label: "会長、副会長、理事" },
        ],
        decisions: [
          {
            text: "今後とも情報セキュリティに関する情報を共有し、関連セミナーへの積極的な参加を相互に促進する。",
            ownerLabel: "出席した各団体",
            status: "open",
          },
          {
            text: "講演会・セミナーの資料（PowerPoint・PDF）は、著作権・肖像権など発表者の承認を得たうえで、可能な範囲で電子データとして公開する。",
            ownerOrganisationId: id("長崎県情報産業協会"),
            dueOn: "2021-03-31",
            status: "open",
          },
          {
            text: "公開した資料は会員内での視聴に限り、YouTube などでの一般公開は原則禁止とする。",
            ownerOrganisationId: id("長崎県情報産業協会"),
            status: "open",
          },
        ],
        minutesMarkdown:
          "## 概要\n長崎県産業労働部、長崎県警察本部（サイバー犯罪対策課）、長崎県立大学（情報システム学部 情報セキュリティ学科）、トレンドマイクロ、NISA が Webex で協議した。\n\n## 意見\n- 講演資料を**電子データ**として公開できないかとの意見があった。\n- 内容によっては発表者側の承認が必要であるため、可能な範囲で公開する。\n\n## 今後\n- 情報共有とセミナーの相互周知を継続する。",
      });
    }

    const activities = [
      {
        heldOn: "2020-11-19",
        kind: "general-assembly",
        organiser: "経済産業省・IPA",
        title: "SC3 設立総会",
        groupId: sc3,
        attendees: [{ organisationId: id("長崎県情報産業協会"), label: "会員登録" }],
      },
      {
        heldOn: "2020-12-05",
        kind: "study-session",
        organiser: "長崎県サイバーセキュリティ研究会",
        title: "令和2年度第1回 長崎県サイバーセキュリティ研究会",
        groupId: researchGroup,
        talks: [{ title: "量子コンピュータ量子暗号について", speaker: "執行役常務", affiliation: "株式会社東芝" }],
        attendees: [{ organisationId: id("長崎県情報産業協会"), label: "事務局" }],
      },
      {
        heldOn: "2021-02-01",
        kind: "webinar",
        organiser: "SC3",
        title: "SC3 会員向けウェビナー「最近のサイバー攻撃の実態と対策」",
        groupId: sc3,
        talks: [
          { title: "Emotetの手口と対策", affiliation: "独立行政法人情報処理推進機構（IPA）" },
          { title: "ランサムウェア(1) サイバー犯罪の傾向分析", affiliation: "株式会社NTTデータ" },
          { title: "ランサムウェア(2) 被害実態と対策", affiliation: "一般社団法人JPCERTコーディネーションセンター" },
          {
            title: "海外拠点を経由したサイバー侵害の実情と打開すべき課題",
            affiliation: "株式会社サイバーディフェンス研究所",
          },
          {
            title: "パネルディスカッション",
            speaker: "サイバーセキュリティ課長（モデレーター）",
            affiliation: "経済産業省 商務情報政策局",
          },
        ],
        attendees: [{ organisationId: id("長崎県情報産業協会"), label: "事務局" }],
      },
    ];
    for (const activity of activities) {
      const found = await deps.db
        .selectFrom("activities")
        .select("id")
        .where("title", "=", activity.title)
        .where("held_on", "=", activity.heldOn)
        .executeTakeFirst();
      if (!found) await createActivity(deps, actor, activity);
    }
    log(
      `community: ${ids.size} organisations, ${people.size} people, 4 groups, 1 agreement, 1 meeting, ${activities.length} activities`,
    );
  },
};

async function exists(
  deps: CommunityDeps,
  table: "agreements" | "meetings",
  column: "title",
  value: string,
): Promise<boolean> {
  return Boolean(await deps.db.selectFrom(table).select("id").where(column, "=", value).executeTakeFirst());
}

async function ensureOrganisations(
  deps: CommunityDeps,
  context: DemoContext,
  bodies: Body[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const body of bodies) {
    const existing = await deps.db
      .selectFrom("organisations")
      .select("id")
      .where("name", "=", body.name)
      .executeTakeFirst();
    const id =
      existing?.id ??
      (
        await createOrganisation(deps, context.actor, {
          name: body.name,
          reading: body.reading,
          sector: body.sector,
          prefecture: body.prefecture ?? "nagasaki",
          membership: body.membership ?? "partner",
          website: body.website,
        })
      ).id;
    ids.set(body.name, id);
  }
  return ids;
}

async function ensureGroup(
  deps: CommunityDeps,
  context: DemoContext,
  name: string,
  input: Record<string, unknown>,
): Promise<string> {
  const existing = await deps.db.selectFrom("groups").select("id").where("name", "=", name).executeTakeFirst();
  return existing?.id ?? (await createGroup(deps, context.actor, { name, ...input })).id;
}
