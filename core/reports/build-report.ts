/**
 * From the year's sources to the document tree, section by section as in the seed: 1 実施概要,
 * 2 the community, 3 seminars, 4 the survey (each question with chart, table and その他 answers,
 * then the analysis written from the figures), 5 考察. Pure: no database, no clock.
 * Narrative blocks print the secretariat's edit when there is one, else the generated default.
 */
import {
  displayTimeZone,
  formatEraAndWesternDate,
  formatEraDate,
  formatFiscalYear,
  formatWesternDate,
  fiscalYearRange,
} from "../../i18n/dates.ts";
import type { MessageKey, Translate } from "../../i18n/index.ts";
import { sectors } from "../community/codes.ts";
import { attendeeRoles } from "../events/seat-rules.ts";
import { MIN_CELL } from "../surveys/protect-breakdown.ts";
import { usefulOrBetter } from "../surveys/templates/build.ts";
import { prefectures } from "../surveys/templates/prefectures.ts";
import type { CommunitySource, EventSource, ReportSources, SurveySource } from "./load-report-sources.ts";
import { type AnnualReport, type Block, type ReportSection, section } from "./report-model.ts";
import {
  isMatrix,
  isMultipleChoice,
  isTextQuestion,
  percentOf,
  type QuestionResult,
  type SurveyResults,
} from "./survey-results.ts";
import {
  analysisGroups,
  formatPercent,
  paragraphText,
  questionLabel,
  writeSurveyAnalysis,
} from "./write-survey-analysis.ts";

/** 令和3年3月24日 — the era date without the weekday, as report prose writes it. */
export function eraDay(value: string): string {
  return formatEraDate(value).replace(/\(.\)$/, "");
}

const timeOfDay = (iso: string) =>
  new Intl.DateTimeFormat("ja-JP", {
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZone: displayTimeZone,
  }).format(new Date(iso));
/** A survey closing at midnight (2021-02-24 00:00 JST) last took answers on the day before. */
const lastInstantBefore = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() - 1).toISOString() : null);
const dayOf = (iso: string) => new Intl.DateTimeFormat("en-CA", { timeZone: displayTimeZone }).format(new Date(iso));

interface Builder {
  t: Translate;
  sources: ReportSources;
  region: string;
  narrative(id: string, label: string, defaultText: string, hints?: string[]): Block;
}

/** 長崎地域SECURITY → 長崎地域: the community's name without the programme's suffix. */
export function regionOf(communityName: string): string {
  return (
    communityName
      .replace(/\s*(地域)?(SECURITY|SECUNITY|セキュリティ)$/i, (_, chiiki) => (chiiki ? "地域" : ""))
      .trim() || communityName
  );
}

/** Legal forms that names carry or drop (一般社団法人長崎県情報産業協会 = 長崎県情報産業協会). */
const LEGAL_FORMS = /^(一般社団法人|公益社団法人|一般財団法人|公益財団法人|特定非営利活動法人|株式会社)\s*/;

/** The seed's 産・学・官 order is the vocabulary's own order. */
const sectorOrder = sectors;

/** "[産] A、B" lines: organisations grouped by sector in the seed's 産・学・官 order. */
function bySector(b: Builder, organisations: { name: string; sector: string }[]): Block[] {
  return sectorOrder
    .map((sector) => ({
      sector,
      names: organisations
        .filter((o) => (sectorOrder.includes(o.sector as never) ? o.sector : "other") === sector)
        .map((o) => o.name),
    }))
    .filter((g) => g.names.length > 0)
    .map((g) => ({
      kind: "labelled",
      label: `[${b.t(`reports.sector.${g.sector}` as MessageKey)}]`,
      text: g.names.join("、"),
    }));
}

function activityBlocks(b: Builder, activities: CommunitySource["activities"]): Block[] {
  return activities.flatMap((a): Block[] => [
    { kind: "paragraph", text: b.t("reports.s2.activity", { date: eraDay(a.heldOn), title: a.title }) },
    ...(a.talks.length > 0
      ? [
          {
            kind: "list",
            items: a.talks.map((talk, i) =>
              `${i + 1}.「${talk.title}」 ${[talk.affiliation, talk.speaker].filter(Boolean).join(" ")}`.trim(),
            ),
          } as Block,
        ]
      : []),
  ]);
}

function communitySection(b: Builder): ReportSection {
  const { t } = b;
  const s = section("s2", "2", t("reports.s2", { region: b.region }), 1);
  const community = b.sources.community;
  if (!community) {
    s.blocks.push({ kind: "missing", text: t("reports.missing.community") });
    return s;
  }
  const children: { title: string; blocks: Block[]; id: string }[] = [];
  for (const agreement of community.agreements) {
    children.push({
      id: `agreement.${agreement.id}`,
      title: t("reports.s2.agreements", { name: agreement.title }),
      blocks: [
        {
          kind: "paragraph",
          text: t("reports.s2.agreementIntro", {
            signedOn: agreement.signedOn ? eraDay(agreement.signedOn) : "",
            count: agreement.parties.length,
            purpose: agreement.purpose ?? "",
          }).trim(),
        },
        ...bySector(b, agreement.parties),
      ],
    });
  }
  const groupActivities = (id: string) => community.activities.filter((a) => a.groupId === id);
  for (const group of community.groups.filter((g) => g.kind === "consortium")) {
    children.push({
      id: `group.${group.id}`,
      title: t("reports.s2.consortium", { name: group.name }),
      blocks: [
        ...(group.description ? [{ kind: "paragraph", text: group.description } as Block] : []),
        ...activityBlocks(b, groupActivities(group.id)),
      ],
    });
  }
  for (const group of community.groups.filter((g) => g.kind === "research-group")) {
    const officers = group.officers.filter((o) => o.role !== "キーパーソン" && o.name);
    children.push({
      id: `group.${group.id}`,
      title: t("reports.s2.researchGroup", { name: group.name }),
      blocks: [
        ...(group.description ? [{ kind: "paragraph", text: group.description } as Block] : []),
        ...officers.map(
          (o): Block => ({ kind: "paragraph", text: t("reports.s2.officer", { role: o.role, name: o.name! }) }),
        ),
        ...(group.members.length > 0
          ? [{ kind: "paragraph", text: t("reports.s2.membersLabel") } as Block, ...bySector(b, group.members)]
          : []),
        ...activityBlocks(b, groupActivities(group.id)),
      ],
    });
  }
  const meetings = community.meetings.filter((m) => m.groupId === null);
  for (const meeting of meetings) {
    const byOrganisation = new Map<string, string[]>();
    for (const a of meeting.attendees) {
      const key = a.organisation || a.label || "";
      const list = byOrganisation.get(key) ?? [];
      if (a.organisation && a.label) list.push(a.label);
      byOrganisation.set(key, list);
    }
    children.push({
      id: `meeting.${meeting.id}`,
      // A title that already says it is a meeting (…について（関係者会議）) is the heading as it is.
      title: /会議|meeting/i.test(meeting.title) ? meeting.title : t("reports.s2.meeting", { title: meeting.title }),
      blocks: [
        {
          kind: "paragraph",
          text: t("reports.s2.meetingIntro", {
            date: formatEraDate(meeting.startsAt),
            mode: meeting.onlineTool ? `（${meeting.onlineTool}）` : meeting.place ? `（${meeting.place}）` : "",
            title: meeting.title,
            agenda: (meeting.agenda ?? "")
              .split("\n")
              .map((l) => l.trim())
              .filter(Boolean)
              .join("、"),
          }),
        },
        {
          kind: "labelled",
          label: t("reports.s2.attendees"),
          text: [...byOrganisation]
            .map(([name, people]) => (people.length ? `${name}(${people.join("、")})` : name))
            .join("、"),
        },
      ],
    });
  }
  // 議論した結果: the decisions register of the year, the communities, and the key person.
  const decisions = community.meetings.flatMap((m) => m.decisions);
  const otherCommunities = community.groups.filter(
    (g) => g.kind === "working-group" || g.kind === "external-community" || g.kind === "research-group",
  );
  const keyPersons = community.groups.flatMap((g) => g.officers.filter((o) => o.role === "キーパーソン"));
  const resultLines = [
    ...(meetings[0] ? [t("reports.s2.resultsDefault", { meeting: meetings[0].title })] : []),
    ...decisions.map((d) => `・${d}`),
    ...(otherCommunities.length > 0
      ? [
          t("reports.s2.communities"),
          ...otherCommunities.map((g, i) => `(${i + 1}) ${g.name}${g.description ? `：${g.description}` : ""}`),
        ]
      : []),
    ...(keyPersons.length > 0
      ? keyPersons.map((k) => (k.name ? t("reports.s2.keyPerson", { name: k.name }) : t("reports.s2.keyPersonVacant")))
      : []),
  ];
  children.push({
    id: "results",
    title: t("reports.s2.results"),
    blocks: [b.narrative("s2.results", t("reports.s2.resultsLabel"), resultLines.join("\n"))],
  });
  s.sections = children.map((c, i) => section(`s2.${i + 1}`, `2.${i + 1}`, c.title, 2, c.blocks));
  return s;
}

/** "有益であった以上" per talk: the top two columns of each row, counts added, divided once. */
function talkFeedback(results: SurveyResults): {
  matrix: QuestionResult;
  base: number;
  percents: { number: number; label: string; percent: number | null }[];
} | null {
  const matrix = results.questions.find(
    (q) => isMatrix(q) && q.rows[0]?.columns.some((c) => c.value === usefulOrBetter[0]),
  );
  if (!matrix) return null;
  return {
    matrix,
    base: Math.max(0, ...matrix.rows.map((r) => r.base)),
    percents: matrix.rows.map((row, i) => ({
      number: i + 1,
      label: row.label,
      percent: percentOf(
        row.columns.filter((c) => usefulOrBetter.includes(c.value)).reduce((sum, c) => sum + c.count, 0),
        row.base,
      ),
    })),
  };
}

/**
 * The feedback section 3 reports for the seminar this survey belongs to: the one it is linked to,
 * else the year's only seminar. Section 4's Q16 sentence then repeats section 3's figures.
 */
function seminarFeedbackFor(b: Builder, survey: SurveySource): ReturnType<typeof talkFeedback> {
  const events = b.sources.events ?? [];
  const event = survey.eventId ? events.find((e) => e.id === survey.eventId) : events.length === 1 ? events[0] : null;
  return event?.feedback ? talkFeedback(event.feedback) : null;
}

/** The seed's sentence; "好評価" when every talk was rated useful or better by at least 80 %. */
function feedbackSentence(t: Translate, percents: { number: number; percent: number | null }[]): string {
  const rated = percents.filter((p): p is { number: number; percent: number } => p.percent !== null);
  const talks = rated
    .map((p) => t("reports.s3.feedbackTalk", { number: p.number, percent: formatPercent(p.percent) }))
    .join("、");
  return t(rated.every((p) => p.percent >= WELL_RECEIVED) ? "reports.s3.feedbackWellReceived" : "reports.s3.feedback", {
    talks,
  });
}

const WELL_RECEIVED = 80;

function matrixChart(q: QuestionResult): Block {
  return {
    kind: "chart",
    id: `chart.${q.name}`,
    caption: "",
    chart: {
      kind: "stacked-100",
      columns: q.rows[0]?.columns.map((c) => c.label) ?? [],
      rows: q.rows.map((r) => ({ label: r.label, base: r.base, percents: r.columns.map((c) => c.percent) })),
    },
  };
}

/**
 * Who among the venue's attendees came in a role (the seed's venue 15 counts speakers, officers,
 * press and staff): "（会場参加者には、講師2名、スタッフ3名を含む。）", or nothing when none did.
 */
function rolesSentence(t: Translate, event: EventSource): string {
  const counts = attendeeRoles
    .map((role) => ({ role, count: event.attendance.filter((a) => a.venue && a.role === role).length }))
    .filter((r) => r.count > 0);
  if (counts.length === 0) return "";
  return t("reports.s3.roles", {
    roles: counts
      .map((r) => t("reports.s3.roleCount", { role: t(`events.role.${r.role}`), count: r.count }))
      .join("、"),
  });
}

function seminarSections(b: Builder, event: EventSource, first: number): ReportSection[] {
  const { t } = b;
  const venueSeats = event.seats.filter((s) => !s.online);
  const onlineSeats = event.seats.filter((s) => s.online);
  const venueCount = event.attendance.filter((a) => a.venue).length;
  const onlineCount = event.attendance.filter((a) => a.online).length;
  const time = `${timeOfDay(event.startsAt)}～${timeOfDay(event.endsAt)}`;
  const venue = [event.venueName, event.venueRoom].filter(Boolean).join(" ");
  const summary = t("reports.s3.summaryDefault", {
    date: formatWesternDate(event.startsAt),
    time,
    region: b.region,
    title: event.title,
    venue,
    attendance:
      t("reports.s3.attendance", {
        venue: venueCount,
        online: onlineCount,
        tool: event.onlineTool ?? "",
        total: venueCount + onlineCount,
      }) + rolesSentence(t, event),
  });
  const seatText = (seats: EventSource["seats"]) =>
    seats
      .map((s) =>
        s.firstCapacity === null
          ? t("reports.s3.capacityOf", { label: s.label, capacity: s.capacity })
          : t("reports.s3.capacityChanged", { label: s.label, capacity: s.capacity, first: s.firstCapacity }),
      )
      .join("、");
  const overviewRows: string[][] = [
    [t("reports.s3.table.title"), event.title],
    ...(event.theme ? [[t("reports.s3.table.theme"), event.theme]] : []),
    [t("reports.s3.table.date"), `${formatEraAndWesternDate(event.startsAt)} ${time}`],
    ...(venue
      ? [
          [
            t("reports.s3.table.venue"),
            [venue, event.venueAddress, event.venuePhone ? `TEL:${event.venuePhone}` : null].filter(Boolean).join("\n"),
          ],
        ]
      : []),
    ...(event.onlineTool ? [[t("reports.s3.table.online"), event.onlineTool]] : []),
    [t("reports.s3.table.capacity"), [seatText(venueSeats), seatText(onlineSeats)].filter(Boolean).join("、")],
    [
      t("reports.s3.table.attendance"),
      `${t("reports.s3.attendedOf", { label: venueSeats[0]?.label ?? t("reports.s3.table.venue"), count: venueCount })}、${t("reports.s3.attendedOf", { label: onlineSeats[0]?.label ?? t("reports.s3.table.online"), count: onlineCount })}、計${venueCount + onlineCount}名`,
    ],
    ...(event.feeText ? [[t("reports.s3.table.fee"), event.feeText]] : []),
  ];
  const programme = event.sessions.flatMap((s, i): Block[] => [
    {
      kind: "paragraph",
      text: t("reports.s3.session", {
        number: i + 1,
        time: s.startsAt && s.endsAt ? `${timeOfDay(s.startsAt)}～${timeOfDay(s.endsAt)}` : "",
        title: s.title,
      }),
    },
    ...(s.abstract ? [{ kind: "paragraph", text: s.abstract } as Block] : []),
    ...s.speakers.map((speaker): Block => ({ kind: "paragraph", text: t("reports.s3.speaker", { speaker }) })),
  ]);
  const byOrganisation = new Map<string, { venue: number; online: number }>();
  for (const a of event.attendance) {
    const key = a.organisation || t("reports.s3.individuals");
    const tally = byOrganisation.get(key) ?? { venue: 0, online: 0 };
    if (a.venue) tally.venue++;
    else tally.online++;
    byOrganisation.set(key, tally);
  }
  const participants = [...byOrganisation].sort((x, y) => y[1].venue + y[1].online - (x[1].venue + x[1].online));
  const overview = section(`s3.${first}`, `3.${first}`, t("reports.s3.overview"), 2, [
    b.narrative(`s3.${event.id}.summary`, t("reports.s3.summaryLabel", { title: event.title }), summary),
    {
      kind: "table",
      header: [t("reports.s3.table.item"), t("reports.s3.table.value")],
      rows: overviewRows,
      keyColumn: true,
    },
    { kind: "paragraph", text: t("reports.s3.programme") },
    ...programme,
    ...(participants.length > 0
      ? [
          {
            kind: "table",
            caption: t("reports.s3.participants"),
            header: [
              t("reports.s3.participantsTable.organisation"),
              t("reports.s3.participantsTable.venue"),
              t("reports.s3.participantsTable.online"),
            ],
            rows: participants.map(([name, tally]) => [name, String(tally.venue), String(tally.online)]),
          } as Block,
        ]
      : []),
  ]);
  const feedback = event.feedback ? talkFeedback(event.feedback) : null;
  const results = section(`s3.${first + 1}`, `3.${first + 1}`, t("reports.s3.results"), 2, [
    feedback?.percents.some((p) => p.percent !== null)
      ? { kind: "paragraph", text: feedbackSentence(t, feedback.percents) }
      : { kind: "paragraph", text: t("reports.s3.noFeedback") },
    ...(feedback
      ? [
          {
            ...(matrixChart(feedback.matrix) as Extract<Block, { kind: "chart" }>),
            id: `chart.feedback.${event.id}`,
            caption: t("reports.s3.feedbackCaption", { base: feedback.base }),
          },
        ]
      : []),
    ...event.press.map((p): Block => ({ kind: "paragraph", text: t("reports.s3.press", { outlet: p.outlet }) })),
  ]);
  return [overview, results];
}

function seminarSection(b: Builder): ReportSection {
  const s = section("s3", "3", b.t("reports.s3", { region: b.region }), 1);
  if (!b.sources.events) s.blocks.push({ kind: "missing", text: b.t("reports.missing.events") });
  else if (b.sources.events.length === 0) s.blocks.push({ kind: "paragraph", text: b.t("reports.s3.none") });
  else s.sections = b.sources.events.flatMap((event, i) => seminarSections(b, event, 2 * i + 1));
  return s;
}

const LONG_LIST = 12;

function questionBlocks(b: Builder, q: QuestionResult, label: string, chartId: string): Block[] {
  const { t } = b;
  if (q.base === 0 && !isTextQuestion(q)) return [{ kind: "paragraph", text: t("reports.s4.nobody") }];
  if (isTextQuestion(q))
    return q.texts.length > 0
      ? [{ kind: "list", items: q.texts }]
      : [{ kind: "paragraph", text: t("reports.s4.nobody") }];
  const caption = t(isMultipleChoice(q) ? "reports.s4.chartCaptionMultiple" : "reports.s4.chartCaption", {
    q: label,
    base: q.base,
  });
  const blocks: Block[] = [];
  if (isMatrix(q)) {
    blocks.push({ ...(matrixChart(q) as Extract<Block, { kind: "chart" }>), id: chartId, caption });
    blocks.push({
      kind: "table",
      keyColumn: true,
      header: [
        t("reports.s4.table.row"),
        ...(q.rows[0]?.columns.map((c) => c.label) ?? []),
        t("reports.s4.table.base"),
      ],
      rows: q.rows.map((r) => [
        r.label,
        ...r.columns.map((c) => `${c.count} (${c.percent === null ? "-" : formatPercent(c.percent)})`),
        String(r.base),
      ]),
    });
  } else {
    // A long list (the 47 prefectures of Q3) shows only the choices someone picked.
    const shown = q.choices.length > LONG_LIST ? q.choices.filter((c) => c.count > 0) : q.choices;
    blocks.push({
      kind: "chart",
      id: chartId,
      caption,
      chart: {
        kind: "bar",
        categories: shown.map((c) => c.label),
        percents: shown.map((c) => c.percent),
        counts: shown.map((c) => c.count),
        base: q.base,
      },
    });
    blocks.push({
      kind: "table",
      header: [t("reports.s4.table.choice"), t("reports.s4.table.count"), t("reports.s4.table.percent")],
      rows: [
        ...shown.map((c) => [c.label, String(c.count), c.percent === null ? "-" : formatPercent(c.percent)]),
        [t("reports.s4.table.base"), String(q.base), ""],
      ],
    });
  }
  if (q.other.length > 0)
    blocks.push({ kind: "paragraph", text: t("reports.s4.other") }, { kind: "list", items: q.other });
  return blocks;
}

/**
 * One standard questionnaire's overview, results and analysis: 4.1–4.3 for the year's first, 4.4–4.6
 * for a second (as section 3 numbers its seminars); with several, each overview names its survey.
 */
function surveySections(
  b: Builder,
  survey: SurveySource,
  first: number,
  several: boolean,
  operatorPrefecture: string | undefined,
): ReportSection[] {
  const { t } = b;
  const results = survey.results;
  const day = (iso: string | null) => (iso ? formatWesternDate(dayOf(iso)).replace(/\(.\)$/, "") : "");
  const [overviewNumber, resultsNumber, analysisNumber] = [first, first + 1, first + 2].map((n) => `4.${n}`) as [
    string,
    string,
    string,
  ];
  // The first survey keeps the ids and chart names a single survey has always had.
  const chartId = (q: QuestionResult) => (first === 1 ? `chart.${q.name}` : `chart.s${resultsNumber}.${q.name}`);
  const overviewTitle = several ? t("reports.s4.overviewOf", { title: survey.title }) : t("reports.s4.overview");
  const overview = section(`s${overviewNumber}`, overviewNumber, overviewTitle, 2, [
    { kind: "paragraph", text: t("reports.s4.intro", { results: resultsNumber }) },
    {
      kind: "table",
      header: [],
      keyColumn: true,
      rows: [
        [t("reports.s4.table.purpose"), t("reports.s4.purposeDefault")],
        [t("reports.s4.table.target"), t("reports.s4.targetDefault", { region: b.region })],
        [t("reports.s4.table.method"), t("reports.s4.methodWeb")],
        [
          t("reports.s4.table.period"),
          t("reports.s4.periodValue", { start: day(survey.opensAt), end: day(lastInstantBefore(survey.closesAt)) }),
        ],
        [
          t("reports.s4.table.answers"),
          results.excluded
            ? t("reports.s4.answersExcluded", { count: results.responses, excluded: results.excluded })
            : t("reports.s4.answers", { count: results.responses }),
        ],
      ],
    },
  ]);
  const questions = results.questions.map((q, index) => {
    const label = questionLabel(q.name, index);
    return section(
      `s${resultsNumber}.${q.name}`,
      "",
      q.title.startsWith(label) ? q.title : `${label} ${q.title}`,
      3,
      questionBlocks(b, q, label, chartId(q)),
    );
  });
  const outcome = section(`s${resultsNumber}`, resultsNumber, t("reports.s4.results"), 2, [], questions);
  const paragraphs = writeSurveyAnalysis(results, {
    t,
    regionName: operatorPrefecture,
    organiserNames: organiserNamesOf(b.sources),
    talkFeedback: seminarFeedbackFor(b, survey)?.percents,
  });
  const analysis = section(
    `s${analysisNumber}`,
    analysisNumber,
    t("reports.s4.analysis"),
    2,
    analysisGroups.flatMap((group): Block[] => {
      const paragraph = paragraphs.find((p) => p.group === group);
      if (!paragraph) return [];
      const heading = t(`reports.s4.group.${group}` as MessageKey);
      return [
        { kind: "paragraph", text: heading },
        b.narrative(
          `s4.${survey.id}.analysis.${group}`,
          t("reports.analysisLabel", { group: heading }),
          paragraphText(paragraph),
        ),
      ];
    }),
  );
  return [overview, outcome, analysis];
}

/** The operator in the registry, found with or without its legal form (一般社団法人…). */
function operatorOf(sources: ReportSources) {
  const bare = (name: string) => name.replace(LEGAL_FORMS, "");
  return [...(sources.community?.organisations.values() ?? [])].find(
    (o) => bare(o.name) === bare(sources.operatorName),
  );
}

/**
 * The organiser as respondents write it: its name without the legal form, a Latin short name in
 * brackets, and the short name its web domain spells (www.nisa.or.jp → NISA), as associations
 * are commonly called.
 */
function organiserNamesOf(sources: ReportSources): string[] {
  const names = [sources.operatorName.replace(LEGAL_FORMS, "")];
  const bracketed = /[（(]([A-Z]{2,8})[)）]/.exec(sources.communityName + sources.operatorName)?.[1];
  if (bracketed) names.push(bracketed);
  const website = operatorOf(sources)?.website;
  const label = website ? /^(?:https?:\/\/)?(?:www\.)?([a-z]{2,8})\./i.exec(website)?.[1] : undefined;
  if (label) names.push(label.toUpperCase());
  return names.filter((n, i, all) => n && all.indexOf(n) === i);
}

function surveySection(b: Builder): ReportSection {
  const s = section("s4", "4", b.t("reports.s4", { region: b.region }), 1);
  if (!b.sources.surveys) s.blocks.push({ kind: "missing", text: b.t("reports.missing.surveys") });
  else if (b.sources.surveys.length === 0) s.blocks.push({ kind: "paragraph", text: b.t("reports.s4.none") });
  else {
    // Every standard questionnaire of the year, in the order they opened; talk feedback surveys
    // belong to their seminar (section 3.2), not here.
    const surveys = b.sources.surveys;
    s.sections = surveys.flatMap((survey, i) =>
      surveySections(b, survey, 3 * i + 1, surveys.length > 1, operatorPrefectureOf(b.sources)),
    );
  }
  return s;
}

/**
 * The region's prefecture (長崎県, for "長崎県や近隣県で…"): the operator's, found in the registry
 * with or without its legal form; else the prefecture most of the registry's organisations are in.
 */
function operatorPrefectureOf(sources: ReportSources): string | undefined {
  const organisations = [...(sources.community?.organisations.values() ?? [])];
  const operator = operatorOf(sources);
  const counts = new Map<string, number>();
  for (const o of organisations) if (o.prefecture) counts.set(o.prefecture, (counts.get(o.prefecture) ?? 0) + 1);
  const common = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  return prefectures.find((p) => p.value === (operator?.prefecture ?? common))?.ja;
}

/**
 * The community's average 自社診断 score (ADR 031, docs/self-check.md), as the dashboard counts it:
 * each organisation's latest score by the year's last day. From fewer than 5 organisations — or
 * where the average would let a reader work out a hidden band — it says suppressed, never a number.
 */
function selfCheckBlocks(b: Builder): Block[] {
  const selfCheck = b.sources.community?.selfCheck;
  if (!selfCheck) return [];
  const { respondents, average } = selfCheck;
  return [
    {
      kind: "labelled",
      label: b.t("reports.s5.selfCheck"),
      text:
        respondents !== null && average !== null
          ? b.t("reports.s5.selfCheckAverage", { average: average.toFixed(1), count: respondents })
          : b.t("reports.s5.selfCheckSuppressed", { min: MIN_CELL }),
    },
  ];
}

/** Prompts for 考察: the year's own figures. */
function considerationHints(b: Builder): string[] {
  const { t, sources } = b;
  const hints: string[] = [];
  for (const event of sources.events ?? []) {
    const venue = event.attendance.filter((a) => a.venue).length;
    const online = event.attendance.filter((a) => a.online).length;
    hints.push(t("reports.s5.hint.seminar", { title: event.title, total: venue + online, venue, online }));
  }
  for (const survey of sources.surveys ?? [])
    hints.push(t("reports.s5.hint.survey", { count: survey.results.responses }));
  if (sources.community) {
    const meetings = sources.community.meetings;
    hints.push(
      t("reports.s5.hint.meetings", {
        count: meetings.length,
        decisions: meetings.reduce((n, m) => n + m.decisions.length, 0),
      }),
    );
    const posture = sources.community.posture;
    if (posture.memberSmes > 0)
      hints.push(
        t("reports.s5.hint.posture", {
          count: posture.memberSmes,
          securityAction: posture.held["security-action"],
          securityActionPercent: posture.percent["security-action"] ?? 0,
          twoStar: posture.byLevel["security-action"]["two-star"],
          scs: posture.held.scs,
          otasuketai: posture.held.otasuketai,
        }),
      );
  }
  return hints;
}

export function buildReport(sources: ReportSources, t: Translate): AnnualReport {
  const fiscalYearLabel = formatFiscalYear(sources.fiscalYear);
  const region = regionOf(sources.communityName);
  const edited = (id: string, fallback: string) => sources.edits.get(id) ?? fallback;
  const b: Builder = {
    t,
    sources,
    region,
    narrative: (id, label, defaultText, hints) => {
      const edit = sources.edits.get(id);
      return {
        kind: "narrative",
        id,
        label,
        text: edit ?? defaultText,
        defaultText,
        edited: edit !== undefined,
        ...(hints ? { hints } : {}),
      };
    },
  };
  const { start, end } = fiscalYearRange(sources.fiscalYear);
  const coverDefaults = {
    "cover.title": t("reports.cover.title", { fiscalYear: fiscalYearLabel, region }),
    "cover.organisation": sources.operatorName,
    "cover.issuedOn": end,
  };
  const organisation = edited("cover.organisation", coverDefaults["cover.organisation"]);
  const issuedOn = edited("cover.issuedOn", coverDefaults["cover.issuedOn"]);
  const overview = section(
    "s1",
    "1",
    t("reports.s1"),
    1,
    [],
    [
      section("s1.1", "1.1", t("reports.s1.1"), 2, [
        b.narrative("s1.purpose", t("reports.s1.purposeLabel"), t("reports.s1.purposeDefault", { region })),
      ]),
      section("s1.2", "1.2", t("reports.s1.2"), 2, [
        b.narrative("s1.content", t("reports.s1.contentLabel"), t("reports.s1.contentDefault", { region })),
      ]),
      section("s1.3", "1.3", t("reports.s1.3"), 2, [
        b.narrative(
          "s1.period",
          t("reports.s1.periodLabel"),
          t("reports.s1.periodDefault", { start: eraDay(start), end: eraDay(end) }),
        ),
      ]),
      section("s1.4", "1.4", t("reports.s1.4"), 2, [
        b.narrative("s1.structure", t("reports.s1.structureLabel"), t("reports.s1.structureDefault", { organisation })),
      ]),
    ],
  );
  const considerations = section("s5", "5", t("reports.s5"), 1, [
    ...selfCheckBlocks(b),
    b.narrative("s5.considerations", t("reports.s5.label"), t("reports.s5.default"), considerationHints(b)),
  ]);
  return {
    fiscalYear: sources.fiscalYear,
    fiscalYearLabel,
    cover: {
      title: edited("cover.title", coverDefaults["cover.title"]),
      organisation,
      issuedOn,
      defaults: coverDefaults,
      issuedOnText: formatEraAndWesternDate(issuedOn).replace(/\(.\)$/, ""),
    },
    sections: [overview, communitySection(b), seminarSection(b), surveySection(b), considerations],
  };
}
