/**
 * The scale seed at a tiny size (issue 18), on both databases: what it says it made is what the
 * programme office counts — seminars, registrations and attendance, members, respondents and
 * invitations per community — and the questionnaire comparison has every community's answers.
 * The full size is bench/scale's.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../tests/support/databases.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { compareProgrammeQuestionnaires } from "../programme/compare-programme-questionnaires.ts";
import { programmeDepsFrom } from "../programme/deps.ts";
import { getProgrammeKpis } from "../programme/get-programme-kpis.ts";
import { checkAnswers } from "../surveys/check-answers.ts";
import type { SurveyDefinition } from "../surveys/definition.ts";
import { seededPrng } from "./prng.ts";
import { type SeedScaleResult, seedScale, shareOf } from "./seed-scale.ts";

const cli = { kind: "system", name: "cli" } as const;
const size = { communities: 2, organisations: 20, people: 50, events: 2, registrations: 20, answers: 30 };

describe("the seeded generator", () => {
  it("draws the same numbers from the same seed, and distinct samples", () => {
    const a = seededPrng("x");
    const b = seededPrng("x");
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    const sample = seededPrng("y").sample(50, 50);
    expect(new Set(sample).size).toBe(50);
    expect([0, 1, 2].map((i) => shareOf(7, 3, i))).toEqual([3, 2, 2]);
  });
});

describe.each(testDatabases)("the scale seed on %s", (kind) => {
  const services = useTestServices(kind);
  let seeded: SeedScaleResult;

  beforeAll(async () => {
    seeded = await seedScale(
      {
        root: services.database.root,
        dialect: services.database.dialect,
        clock: services.clock,
        secret: services.accounts.auth.options.secret!,
        baseUrl: services.accounts.baseUrl,
      },
      cli,
      { ...size, fiscalYear: 2020 },
    );
  }, 30_000);

  it("makes what was asked, and the programme's key figures count it", async () => {
    expect(seeded.programme).toBe("scale");
    expect(seeded.communities.map((c) => c.slug)).toEqual(["scale-01", "scale-02"]);
    const sum = (pick: (c: SeedScaleResult["communities"][number]) => number) =>
      seeded.communities.reduce((s, c) => s + pick(c), 0);
    expect(sum((c) => c.organisations)).toBe(size.organisations);
    expect(sum((c) => c.people)).toBe(size.people);
    expect(sum((c) => c.events)).toBe(size.events);
    expect(sum((c) => c.registeredVenue + c.registeredOnline)).toBe(size.registrations);
    expect(sum((c) => c.answers)).toBe(size.answers);

    const { programme, table } = await getProgrammeKpis(programmeDepsFrom(services), cli, "scale", {
      fiscalYear: 2020,
    });
    expect(programme.communities.map((c) => c.slug)).toEqual(["scale-01", "scale-02"]);
    for (const [i, c] of seeded.communities.entries()) {
      expect(table.rows[i]!.values).toMatchObject({
        seminars: c.events,
        registeredVenue: c.registeredVenue,
        registeredOnline: c.registeredOnline,
        attendedVenue: c.attendedVenue,
        attendedOnline: c.attendedOnline,
        members: c.members,
        respondents: c.answers,
      });
      expect(c.invitedAnswered).toBeGreaterThan(0);
    }
    expect(table.total.values).toMatchObject({
      seminars: size.events,
      registered: size.registrations,
      respondents: size.answers,
    });
    // Another fiscal year is empty.
    const before = await getProgrammeKpis(programmeDepsFrom(services), cli, "scale", { fiscalYear: 2019 });
    expect(before.table.total.values).toMatchObject({ seminars: 0, registered: 0, respondents: 0 });
  });

  it("gives the questionnaire comparison every community's answers", async () => {
    const { questions } = await compareProgrammeQuestionnaires(
      programmeDepsFrom(services),
      cli,
      "scale",
      { fiscalYear: 2020 },
      "ja",
    );
    const q3 = questions.find((q) => q.code === "q3")!;
    expect(q3.askedBy).toEqual(seeded.communities.map((c) => c.id));
    const q1 = questions.find((q) => q.code === "q1")!;
    const bases = q1.byCommunity!.groups.map((g) => g.base);
    expect(bases).toEqual(seeded.communities.map((c) => c.answers));
  });

  it("stores only answer sets the server's check accepts as they are", async () => {
    const rows = await services.database.root
      .selectFrom("survey_responses")
      .innerJoin("surveys", "surveys.id", "survey_responses.survey_id")
      .select(["survey_responses.answers_json", "surveys.definition_json"])
      .execute();
    expect(rows).toHaveLength(size.answers);
    // Ten of them: the server's check builds a SurveyJS model each time (tens of milliseconds).
    for (const row of [...new Map(rows.map((r) => [r.answers_json, r])).values()].slice(0, 10)) {
      const answers = JSON.parse(row.answers_json);
      const checked = checkAnswers(JSON.parse(row.definition_json) as SurveyDefinition, answers);
      expect(checked.errors).toEqual([]);
      expect(checked.data).toEqual(answers);
    }
  });
});
