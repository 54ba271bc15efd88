import { type ExpressionBuilder, sql } from "kysely";
import type { DB } from "../../db/schema.ts";
import { japanDay } from "../../i18n/dates.ts";
import type { Actor } from "../accounts/actor.ts";
import { requireSecretariat } from "./access.ts";
import { sectors } from "./codes.ts";
import { computePostureRates, type PostureRates } from "./compute-posture-rates.ts";
import type { CommunityDeps } from "./deps.ts";
import { computeSelfCheckDistribution } from "./compute-self-check-distribution.ts";
import type { SelfCheckDistribution } from "../surveys/self-check-distribution.ts";

export interface CountRow {
  key: string;
  organisations: number;
  people: number;
  /** people holding 登録セキスペ (riss) */
  riss: number;
  /** people holding any recorded qualification */
  qualified: number;
}

export interface CommunityDashboard {
  bySector: CountRow[];
  byPrefecture: CountRow[];
  /** organisations with at least one qualified person, most first */
  qualifiedByOrganisation: { id: string; name: string; people: number; riss: number; qualified: number }[];
  upcomingMeetings: { id: string; title: string; startsAt: string; groupName: string | null }[];
  openDecisions: {
    id: string;
    text: string;
    dueOn: string | null;
    meetingId: string;
    meetingTitle: string;
    owner: string | null;
  }[];
  rissRenewalsDue: { personId: string; name: string; organisationName: string | null; renewalDueOn: string }[];
  totals: { organisations: number; people: number; riss: number; qualified: number };
  /** Member SMEs' security posture today (rates only: never a named company's). */
  posture: PostureRates;
  /** Organisations' latest 自社診断 scores by band and their average, suppressed (docs/self-check.md). */
  selfCheck: SelfCheckDistribution;
}

/** Of the people counted in a group, how many hold 登録セキスペ and how many any recorded qualification. */
function qualificationCounts(eb: ExpressionBuilder<DB, "people" | "organisations">) {
  const holders = eb.selectFrom("qualifications").select("person_id");
  return [
    eb.fn
      .count<number>(
        eb
          .case()
          .when("people.id", "in", holders.where("kind", "=", "riss"))
          .then(1)
          .end(),
      )
      .as("riss"),
    eb.fn.count<number>(eb.case().when("people.id", "in", holders).then(1).end()).as("qualified"),
  ];
}

/**
 * The registry at a glance for the secretariat: organisations, people and qualified people by
 * sector (産学官) and prefecture — the seed's considerations name the low number of 登録セキスペ
 * as a regional weakness — with upcoming meetings, open decisions and renewals due in 180 days.
 */
export async function getCommunityDashboard(deps: CommunityDeps, actor: Actor): Promise<CommunityDashboard> {
  requireSecretariat(actor);
  const now = deps.clock.now();
  const today = japanDay(now);
  const horizon = japanDay(new Date(now.getTime() + 180 * 86_400_000));
  const personStats = (column: "organisations.sector" | "organisations.prefecture") =>
    deps.db
      .selectFrom("people")
      .innerJoin("organisations", "organisations.id", "people.organisation_id")
      .select([sql<string>`coalesce(${sql.ref(column)}, '')`.as("key"), (eb) => eb.fn.countAll<number>().as("people")])
      .select(qualificationCounts)
      .groupBy(column)
      .execute();
  const organisationStats = (column: "sector" | "prefecture") =>
    deps.db
      .selectFrom("organisations")
      .where("merged_into_id", "is", null)
      .select([
        sql<string>`coalesce(${sql.ref(column)}, '')`.as("key"),
        (eb) => eb.fn.countAll<number>().as("organisations"),
      ])
      .groupBy(column)
      .execute();
  const [
    orgSector,
    peopleSector,
    orgPrefecture,
    peoplePrefecture,
    byOrganisation,
    upcoming,
    decisions,
    renewals,
    peopleTotal,
  ] = await Promise.all([
    organisationStats("sector"),
    personStats("organisations.sector"),
    organisationStats("prefecture"),
    personStats("organisations.prefecture"),
    deps.db
      .selectFrom("organisations")
      .innerJoin("people", "people.organisation_id", "organisations.id")
      .select(["organisations.id", "organisations.name", (eb) => eb.fn.countAll<number>().as("people")])
      .select(qualificationCounts)
      .groupBy(["organisations.id", "organisations.name"])
      .execute(),
    deps.db
      .selectFrom("meetings")
      .leftJoin("groups", "groups.id", "meetings.group_id")
      .select(["meetings.id", "meetings.title", "meetings.starts_at", "groups.name as group_name"])
      .where("meetings.starts_at", ">=", now.toISOString())
      .orderBy("meetings.starts_at")
      .limit(5)
      .execute(),
    deps.db
      .selectFrom("decisions")
      .innerJoin("meetings", "meetings.id", "decisions.meeting_id")
      .leftJoin("organisations", "organisations.id", "decisions.owner_organisation_id")
      .select([
        "decisions.id",
        "decisions.text",
        "decisions.due_on",
        "meetings.id as meeting_id",
        "meetings.title",
        "organisations.name as owner_name",
        "decisions.owner_label",
      ])
      .select((eb) => eb.case().when("decisions.due_on", "is", null).then(1).else(0).end().as("undated"))
      .where("decisions.status", "=", "open")
      .orderBy("undated")
      .orderBy("decisions.due_on")
      .orderBy("meetings.starts_at", "desc")
      .limit(10)
      .execute(),
    deps.db
      .selectFrom("qualifications")
      .innerJoin("people", "people.id", "qualifications.person_id")
      .leftJoin("organisations", "organisations.id", "people.organisation_id")
      .select([
        "people.id",
        "people.family_name",
        "people.given_name",
        "organisations.name as organisation_name",
        "qualifications.renewal_due_on",
      ])
      .where("qualifications.kind", "=", "riss")
      .where("qualifications.renewal_due_on", ">=", today)
      .where("qualifications.renewal_due_on", "<=", horizon)
      .orderBy("qualifications.renewal_due_on")
      .limit(20)
      .execute(),
    deps.db
      .selectFrom("people")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  const merge = (
    orgs: { key: string; organisations: number }[],
    people: { key: string; people: number; riss: number; qualified: number }[],
  ): CountRow[] => {
    const rows = new Map<string, CountRow>();
    const row = (key: string) =>
      rows.get(key) ?? rows.set(key, { key, organisations: 0, people: 0, riss: 0, qualified: 0 }).get(key)!;
    for (const o of orgs) row(o.key).organisations = Number(o.organisations);
    for (const p of people)
      Object.assign(row(p.key), { people: Number(p.people), riss: Number(p.riss), qualified: Number(p.qualified) });
    return [...rows.values()];
  };
  const bySector = merge(orgSector, peopleSector).sort(
    (a, b) => sectors.indexOf(a.key as never) - sectors.indexOf(b.key as never),
  );
  const byPrefecture = merge(orgPrefecture, peoplePrefecture).sort(
    (a, b) => b.organisations - a.organisations || a.key.localeCompare(b.key),
  );
  const qualifiedByOrganisation = byOrganisation
    .map((o) => ({
      id: o.id,
      name: o.name,
      people: Number(o.people),
      riss: Number(o.riss),
      qualified: Number(o.qualified),
    }))
    .filter((o) => o.qualified > 0)
    .sort((a, b) => b.qualified - a.qualified || b.riss - a.riss)
    .slice(0, 20);
  const sum = (key: keyof Omit<CountRow, "key">) => bySector.reduce((n, r) => n + r[key], 0);
  return {
    bySector,
    byPrefecture,
    qualifiedByOrganisation,
    upcomingMeetings: upcoming.map((m) => ({
      id: m.id,
      title: m.title,
      startsAt: m.starts_at,
      groupName: m.group_name,
    })),
    openDecisions: decisions.map((d) => ({
      id: d.id,
      text: d.text,
      dueOn: d.due_on,
      meetingId: d.meeting_id,
      meetingTitle: d.title,
      owner: d.owner_name ?? d.owner_label,
    })),
    rissRenewalsDue: renewals.map((r) => ({
      personId: r.id,
      name: `${r.family_name} ${r.given_name}`.trim(),
      organisationName: r.organisation_name,
      renewalDueOn: r.renewal_due_on!,
    })),
    totals: {
      organisations: sum("organisations"),
      people: Number(peopleTotal.n),
      riss: sum("riss"),
      qualified: sum("qualified"),
    },
    posture: await computePostureRates(deps.db, today),
    selfCheck: await computeSelfCheckDistribution(deps.db, today),
  };
}
