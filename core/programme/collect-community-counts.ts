/**
 * The counts behind the programme's key figures (kpis.ts), for many communities at once: each
 * query groups by `community_id` over the installation's unscoped database, so the programme page
 * costs a handful of queries whether it shows two communities or sixty (docs/programme.md §Scale).
 * The rules are the annual report's (load-report-sources.ts): a fiscal year is April to March in
 * Japan; cancelled seminars do not count; "attended" is checked in at the venue or attended online;
 * a survey belongs to the year it opens in (or was created in, when it has no opening date); a
 * member SME's posture and 自社診断 score are those in force on the year's last day.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { countPosture } from "../community/compute-posture-rates.ts";
import { selfCheckScoresBy } from "../community/compute-self-check-distribution.ts";
import { smeSizeBands } from "../community/posture-codes.ts";
import { fiscalYearInstants } from "../reports/load-report-sources.ts";
import { SELF_CHECK } from "../surveys/templates/self-check.ts";
import { TALK_FEEDBACK } from "../surveys/templates/talk-feedback.ts";
import type { CommunityCounts } from "./kpis.ts";

type Root = Kysely<DB>;

function emptyCounts(id: string, name: string): CommunityCounts {
  return {
    communityId: id,
    communityName: name,
    seminars: 0,
    registeredVenue: 0,
    registeredOnline: 0,
    attendedVenue: 0,
    attendedOnline: 0,
    attendedBySector: {},
    members: 0,
    memberCorporateNumbers: [],
    membersWithoutCorporateNumber: 0,
    membersBySector: {},
    membersBySize: {},
    respondents: 0,
    invited: 0,
    invitedAnswered: 0,
    memberSmes: 0,
    securityActionOneStar: 0,
    securityActionTwoStar: 0,
    scsStar3: 0,
    scsStar4: 0,
    otasuketai: 0,
    cyberInsurance: 0,
    riss: 0,
    selfCheckScored: 0,
    selfCheckScoreSum: 0,
  };
}

const add = (record: Record<string, number>, key: string, by: number) => {
  record[key] = (record[key] ?? 0) + by;
};

/**
 * The fiscal year's questionnaires, per community: not the 自社診断 (counted as scores) nor a
 * seminar's talk feedback (its answers rate talks, not the community's SMEs).
 */
function yearSurveys(root: Root, ids: readonly string[], fy: ReturnType<typeof fiscalYearInstants>) {
  return root
    .selectFrom("surveys")
    .select(["surveys.id"])
    .where("surveys.community_id", "in", ids)
    .where((eb) =>
      eb.or([eb("surveys.template", "is", null), eb("surveys.template", "not in", [SELF_CHECK, TALK_FEEDBACK])]),
    )
    .where((eb) =>
      eb.or([
        eb.and([
          eb("surveys.opens_at", "is not", null),
          eb("surveys.opens_at", ">=", fy.from),
          eb("surveys.opens_at", "<", fy.to),
        ]),
        eb.and([
          eb("surveys.opens_at", "is", null),
          eb("surveys.created_at", ">=", fy.from),
          eb("surveys.created_at", "<", fy.to),
        ]),
      ]),
    );
}

/** The counts of each community in `communities` for `fiscalYear`, in the order given. */
export async function collectCommunityCounts(
  root: Root,
  communities: readonly { id: string; name: string }[],
  fiscalYear: number,
): Promise<CommunityCounts[]> {
  const ids = communities.map((c) => c.id);
  const byId = new Map(communities.map((c) => [c.id, emptyCounts(c.id, c.name)]));
  if (ids.length === 0) return [];
  const of = (id: string) => byId.get(id)!;
  const fy = fiscalYearInstants(fiscalYear);
  const asOf = fy.end;

  const seminarsQuery = root
    .selectFrom("events")
    .select((eb) => ["community_id", eb.fn.countAll<number>().as("n")])
    .where("community_id", "in", ids)
    .where("starts_at", ">=", fy.from)
    .where("starts_at", "<", fy.to)
    .where("status", "!=", "cancelled")
    .groupBy("community_id")
    .execute();
  const registrationsQuery = root
    .selectFrom("registrations")
    .innerJoin("events", "events.id", "registrations.event_id")
    .innerJoin("event_seat_types", (join) =>
      join
        .onRef("event_seat_types.event_id", "=", "registrations.event_id")
        .onRef("event_seat_types.key", "=", "registrations.seat_type_key"),
    )
    .select((eb) => [
      "registrations.community_id",
      "event_seat_types.online",
      "registrations.sector",
      eb.fn.countAll<number>().as("registered"),
      eb.fn.count<number>(eb.case().when("registrations.checked_in_at", "is not", null).then(1).end()).as("venue"),
      eb.fn
        .count<number>(
          eb
            .case()
            .when(eb.and([eb("registrations.checked_in_at", "is", null), eb("registrations.attended_online", "=", 1)]))
            .then(1)
            .end(),
        )
        .as("online"),
    ])
    .where("registrations.community_id", "in", ids)
    .where("registrations.status", "=", "confirmed")
    .where("events.starts_at", ">=", fy.from)
    .where("events.starts_at", "<", fy.to)
    .where("events.status", "!=", "cancelled")
    .groupBy(["registrations.community_id", "event_seat_types.online", "registrations.sector"])
    .execute();
  const membersQuery = root
    .selectFrom("organisations")
    .select((eb) => ["community_id", "sector", "size_band", eb.fn.countAll<number>().as("n")])
    .where("community_id", "in", ids)
    .where("membership", "=", "member")
    .where("merged_into_id", "is", null)
    .groupBy(["community_id", "sector", "size_band"])
    .execute();
  // The 法人番号 of member organisations, once per community; a member without one counts as itself.
  const corporateNumbersQuery = root
    .selectFrom("organisations")
    .select((eb) => ["community_id", "corporate_number", eb.fn.countAll<number>().as("n")])
    .where("community_id", "in", ids)
    .where("membership", "=", "member")
    .where("merged_into_id", "is", null)
    .groupBy(["community_id", "corporate_number"])
    .execute();
  const rissQuery = root
    .selectFrom("people")
    .innerJoin("organisations", "organisations.id", "people.organisation_id")
    .select((eb) => ["people.community_id", eb.fn.count<number>("people.id").distinct().as("n")])
    .where("people.community_id", "in", ids)
    .where("organisations.membership", "=", "member")
    .where("people.id", "in", (eb) => eb.selectFrom("qualifications").select("person_id").where("kind", "=", "riss"))
    .groupBy("people.community_id")
    .execute();
  const surveyIds = yearSurveys(root, ids, fy);
  const responsesQuery = root
    .selectFrom("survey_responses")
    .select((eb) => ["community_id", eb.fn.countAll<number>().as("n")])
    .where("survey_id", "in", surveyIds)
    .where("status", "=", "complete")
    .where("excluded_at", "is", null)
    .groupBy("community_id")
    .execute();
  const invitationsQuery = root
    .selectFrom("survey_invitations")
    .select((eb) => [
      "community_id",
      eb.fn.countAll<number>().as("invited"),
      eb.fn.count<number>("completed_at").as("answered"),
    ])
    .where("survey_id", "in", surveyIds)
    .groupBy("community_id")
    .execute();
  const smesQuery = root
    .selectFrom("organisations")
    .select(["id", "community_id"])
    .where("community_id", "in", ids)
    .where("membership", "=", "member")
    .where("merged_into_id", "is", null)
    .where("size_band", "in", [...smeSizeBands])
    .execute();
  const historyQuery = root
    .selectFrom("organisation_posture")
    .innerJoin("organisations", "organisations.id", "organisation_posture.organisation_id")
    .selectAll("organisation_posture")
    .where("organisations.community_id", "in", ids)
    .where("organisations.membership", "=", "member")
    .where("organisations.merged_into_id", "is", null)
    .where("organisations.size_band", "in", [...smeSizeBands])
    .execute();
  const scoresQuery = selfCheckScoresBy(root, asOf).where("organisations.community_id", "in", ids).execute();
  // The queries are independent: they run at once, each on a connection of the pool (PostgreSQL).
  const [seminars, registrations, members, corporateNumbers, riss, responses, invitations, smes, history, scores] =
    await Promise.all([
      seminarsQuery,
      registrationsQuery,
      membersQuery,
      corporateNumbersQuery,
      rissQuery,
      responsesQuery,
      invitationsQuery,
      smesQuery,
      historyQuery,
      scoresQuery,
    ]);
  for (const r of seminars) of(r.community_id).seminars = Number(r.n);

  for (const r of registrations) {
    const c = of(r.community_id);
    if (Number(r.online)) c.registeredOnline += Number(r.registered);
    else c.registeredVenue += Number(r.registered);
    c.attendedVenue += Number(r.venue);
    c.attendedOnline += Number(r.online);
    add(c.attendedBySector, r.sector ?? "other", Number(r.venue) + Number(r.online));
  }

  const numbersOf = new Map<string, string[]>();
  for (const r of corporateNumbers) {
    if (r.corporate_number === null) of(r.community_id).membersWithoutCorporateNumber += Number(r.n);
    else {
      const numbers = numbersOf.get(r.community_id) ?? [];
      numbers.push(r.corporate_number);
      numbersOf.set(r.community_id, numbers);
    }
  }
  for (const [id, numbers] of numbersOf) of(id).memberCorporateNumbers = numbers;

  for (const r of members) {
    const c = of(r.community_id);
    const n = Number(r.n);
    c.members += n;
    add(c.membersBySector, r.sector, n);
    add(c.membersBySize, r.size_band ?? "unknown", n);
  }

  for (const r of riss) of(r.community_id).riss = Number(r.n);

  for (const r of responses) of(r.community_id).respondents = Number(r.n);
  for (const r of invitations) {
    of(r.community_id).invited = Number(r.invited);
    of(r.community_id).invitedAnswered = Number(r.answered);
  }

  // Posture: each member SME's history, then what holds on the year's last day (one pass in memory).
  const smeCommunity = new Map(smes.map((o) => [o.id, o.community_id]));
  const rowsByCommunity = new Map<string, (typeof history)[number][]>();
  const smesByCommunity = new Map<string, string[]>();
  for (const [organisation, community] of smeCommunity) {
    const list = smesByCommunity.get(community) ?? [];
    list.push(organisation);
    smesByCommunity.set(community, list);
  }
  for (const row of history) {
    const community = smeCommunity.get(row.organisation_id);
    if (!community) continue;
    const list = rowsByCommunity.get(community) ?? [];
    list.push(row);
    rowsByCommunity.set(community, list);
  }
  for (const id of ids) {
    const rates = countPosture(smesByCommunity.get(id) ?? [], rowsByCommunity.get(id) ?? [], asOf);
    const c = of(id);
    c.memberSmes = rates.memberSmes;
    c.securityActionOneStar = rates.byLevel["security-action"]["one-star"];
    c.securityActionTwoStar = rates.byLevel["security-action"]["two-star"];
    c.scsStar3 = rates.byLevel.scs["star-3"];
    c.scsStar4 = rates.byLevel.scs["star-4"];
    c.otasuketai = rates.held.otasuketai;
    c.cyberInsurance = rates.held["cyber-insurance"];
  }

  // 自社診断: each organisation's latest score recorded by the year's end (as the dashboard counts it).
  const seen = new Set<string>();
  for (const r of scores) {
    if (seen.has(r.organisation_id)) continue;
    seen.add(r.organisation_id);
    of(r.community_id).selfCheckScored++;
    of(r.community_id).selfCheckScoreSum += Number(r.score);
  }
  return ids.map(of);
}
