import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { createOrganisation } from "../community/create-organisation.ts";
import { createPerson } from "../community/create-person.ts";
import { communityDeps } from "../../tests/fixtures/community.ts";
import { fixedClock } from "../shared/clock.ts";
import { computeResults } from "./compute-results.ts";
import { createSurvey } from "./create-survey.ts";
import { deleteResponse } from "./delete-response.ts";
import { nagasakiDemoAnswers } from "./demo-answers.ts";
import { exportResponses } from "./export-responses.ts";
import { getSurveyOverview } from "./get-survey-overview.ts";
import { importResponses } from "./import-responses.ts";
import { inviteRespondents } from "./invite-respondents.ts";
import { saveResponse } from "./save-response.ts";
import { setResponseValidity } from "./set-response-validity.ts";
import { rebuildTallies } from "./tallies.ts";
import { listQuestions } from "./definition.ts";
import { findSurvey } from "./find-survey.ts";
import { member, secretariat } from "../../tests/fixtures/surveys.ts";

const talks = [
  { id: "t1", title: "講演1" },
  { id: "t2", title: "講演2" },
];

describe.each(testDatabases)("valid responses on %s", (kind) => {
  const t = useTestDatabase(kind);
  const clock = fixedClock("2021-02-01T00:00:00.000Z");
  const deps = () => ({ db: t.db, dialect: t.dialect, clock, baseUrl: "http://localhost" });

  async function surveyWith(answers: ReturnType<typeof nagasakiDemoAnswers>) {
    const { id } = await createSurvey(deps(), secretariat, { title: "調査", template: "regional-standard", talks });
    await importResponses(deps(), secretariat, id, { content: JSON.stringify(answers), commit: true });
    const ids = (
      await t.db.selectFrom("survey_responses").select("id").where("survey_id", "=", id).orderBy("id").execute()
    ).map((r) => r.id);
    return { id, ids };
  }

  /** What a view for sharing shows, without what names the survey. */
  const shared = async (id: string) => {
    const {
      id: _id,
      title: _title,
      excluded: _excluded,
      ...rest
    } = await computeResults(deps(), secretariat, id, {
      by: "q2",
      forSharing: true,
    });
    return rest;
  };

  it("leaves an invalid response out of every figure and of suppression, says how many, and audits it", async () => {
    const answers = nagasakiDemoAnswers(["t1", "t2"]);
    const { id, ids } = await surveyWith(answers);
    // Three responses are a duplicate, a test and one out of scope.
    const out = [3, 4, 10];
    await setResponseValidity(deps(), secretariat, id, ids[3]!, { valid: false, reason: "duplicate" });
    await setResponseValidity(deps(), secretariat, id, ids[4]!, {
      valid: false,
      reason: "test",
      note: "事務局の試し入力",
    });
    await setResponseValidity(deps(), secretariat, id, ids[10]!, { valid: false, reason: "out-of-scope" });
    // Marking it again only changes the reason: it is not taken out twice.
    await setResponseValidity(deps(), secretariat, id, ids[3]!, { valid: false, reason: "test" });

    const results = await computeResults(deps(), secretariat, id);
    expect(results).toMatchObject({ responses: 25, excluded: 3 });
    // The same figures, small-cell suppression included, as a survey that only ever had the valid 25.
    const kept = await t.db
      .selectFrom("survey_responses")
      .select(["id", "answers_json"])
      .where("survey_id", "=", id)
      .orderBy("id")
      .execute();
    const valid = await surveyWith(
      kept.filter((r) => !out.some((i) => ids[i] === r.id)).map((r) => JSON.parse(r.answers_json)),
    );
    expect(await shared(id)).toEqual(await shared(valid.id));
    // The secretariat's own view too (texts listed in response order, which differs between the two).
    const ownView = async (survey: string) =>
      (await computeResults(deps(), secretariat, survey)).questions.map((q) => ({
        ...q,
        other: q.other.map((x) => JSON.stringify(x)).sort(),
        texts: q.texts.map((x) => JSON.stringify(x)).sort(),
      }));
    expect(await ownView(id)).toEqual(await ownView(valid.id));
    // The running counters agree with a rebuild from the stored answers.
    const counters = async () =>
      t.db
        .selectFrom("survey_tallies")
        .select(["question", "row_key", "value", "count"])
        .where("survey_id", "=", id)
        .where("count", "!=", 0)
        .orderBy("question")
        .orderBy("row_key")
        .orderBy("value")
        .execute();
    // And so do the counted answer patterns the programme's comparison reads (answer-patterns.ts).
    const patterns = async () =>
      t.db
        .selectFrom("survey_answer_patterns")
        .select(["question", "value_key", "value_json", "count"])
        .where("survey_id", "=", id)
        .where("count", "!=", 0)
        .orderBy("question")
        .orderBy("value_key")
        .execute();
    const rebuilt = async () => {
      const incremental = await counters();
      const incrementalPatterns = await patterns();
      await rebuildTallies(t.db, id, listQuestions((await findSurvey(t.db, id)).definition));
      expect(await counters()).toEqual(incremental);
      expect(await patterns()).toEqual(incrementalPatterns);
      const responses = incrementalPatterns.find((p) => p.question === "#responses");
      expect(responses?.count).toBe((await computeResults(deps(), secretariat, id)).responses);
    };
    await rebuilt();

    const overview = await getSurveyOverview(deps(), secretariat, id);
    expect(overview.responses).toMatchObject({ complete: 25, excluded: 3 });
    // Marked at one instant (the test's clock), so listed by id.
    expect(overview.responses.excludedList.map((r) => [r.id, r.reason, r.note])).toEqual(
      (
        [
          [ids[3], "test", null],
          [ids[4], "test", "事務局の試し入力"],
          [ids[10], "out-of-scope", null],
        ] as const
      ).toSorted((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
    const table = await exportResponses(deps(), secretariat, id);
    const reason = table.codes.indexOf("excluded_reason");
    expect(table.rows).toHaveLength(28);
    expect(table.rows.filter((r) => r[reason]).map((r) => r[reason])).toEqual(["test", "test", "out-of-scope"]);

    // Counted again: back in every figure.
    await setResponseValidity(deps(), secretariat, id, ids[3]!, { valid: true });
    await setResponseValidity(deps(), secretariat, id, ids[3]!, { valid: true });
    expect(await computeResults(deps(), secretariat, id)).toMatchObject({ responses: 26, excluded: 2 });
    // Deleting an excluded response does not take it out of the counters a second time.
    await deleteResponse(deps(), secretariat, id, ids[4]!);
    expect(await computeResults(deps(), secretariat, id)).toMatchObject({ responses: 26, excluded: 1 });
    await rebuilt();

    const audit = await t.db
      .selectFrom("audit_events")
      .select(["action", "entity_id", "after_json"])
      .where("action", "in", ["survey-response.exclude", "survey-response.restore"])
      .orderBy("id")
      .execute();
    // One instant again (ids within one millisecond are not in order): compared as a set.
    const entries = (list: unknown[][]) => list.map((e) => JSON.stringify(e)).sort();
    expect(entries(audit.map((a) => [a.action, a.entity_id, JSON.parse(a.after_json!).reason ?? null]))).toEqual(
      entries([
        ["survey-response.exclude", ids[3], "duplicate"],
        ["survey-response.exclude", ids[4], "test"],
        ["survey-response.exclude", ids[10], "out-of-scope"],
        ["survey-response.exclude", ids[3], "test"],
        ["survey-response.restore", ids[3], null],
      ]),
    );
  });

  it("refuses what is not the secretariat's, an unknown reason, a partial response and an unknown id", async () => {
    const { id, ids } = await surveyWith(nagasakiDemoAnswers(["t1", "t2"]).slice(0, 2));
    await expect(
      setResponseValidity(deps(), member, id, ids[0]!, { valid: false, reason: "test" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      setResponseValidity(deps(), secretariat, id, ids[0]!, { valid: false, reason: "boring" as "test" }),
    ).rejects.toMatchObject({ code: "validation-failed", fields: [{ field: "reason" }] });
    await expect(
      setResponseValidity(deps(), secretariat, id, "nope", { valid: false, reason: "test" }),
    ).rejects.toMatchObject({ code: "not-found" });
    const partial = await saveResponse(deps(), { surveyId: id, answers: { q1: "ict" }, mode: "partial", pages: [0] });
    await expect(
      setResponseValidity(deps(), secretariat, id, partial.id, { valid: false, reason: "test" }),
    ).rejects.toMatchObject({ code: "validation-failed", fields: [{ field: "responseId" }] });
    expect((await computeResults(deps(), secretariat, id)).excluded).toBe(0);
  });

  it("gives the response rate against invitations for the survey and per organisation", async () => {
    const { id } = await createSurvey(deps(), secretariat, {
      title: "招待調査",
      template: "regional-standard",
      talks,
      access: "invitation",
    });
    const community = communityDeps(t);
    const a = await createOrganisation(community, secretariat, { name: "長崎テック", sector: "industry" });
    const b = await createOrganisation(community, secretariat, { name: "佐世保大学", sector: "academia" });
    for (const [org, email] of [
      [a.id, "a1@example.jp"],
      [a.id, "a2@example.jp"],
      [b.id, "b1@example.jp"],
      [b.id, "b2@example.jp"],
      [b.id, "b3@example.jp"],
    ] as const)
      await createPerson(community, secretariat, { familyName: email, email, organisationId: org });
    await inviteRespondents(deps(), secretariat, id, { emails: [], organisationIds: [a.id, b.id] });
    const tokens = await t.db
      .selectFrom("outbox_messages")
      .select(["to_address", "text_body"])
      .where("dedupe_key", "like", "survey-invitation:%")
      .execute();
    const tokenOf = (email: string) => /\?i=([\w-]+)/.exec(tokens.find((m) => m.to_address === email)!.text_body)![1]!;
    const answers = nagasakiDemoAnswers(["t1", "t2"]).slice(0, 3);
    const saved = [];
    for (const [i, email] of ["a1@example.jp", "b1@example.jp", "b2@example.jp"].entries())
      saved.push(
        await saveResponse(deps(), {
          surveyId: id,
          answers: answers[i]!,
          mode: "complete",
          invitationToken: tokenOf(email),
        }),
      );
    await setResponseValidity(deps(), secretariat, id, saved[2]!.id, { valid: false, reason: "duplicate" });
    const overview = await getSurveyOverview(deps(), secretariat, id);
    expect(overview.invitations).toMatchObject({ invited: 5, completed: 3, rate: 60, validRate: 40 });
    expect(overview.invitations.byOrganisation).toEqual([
      { organisationId: b.id, name: "佐世保大学", invited: 3, completed: 2, rate: 66.7 },
      { organisationId: a.id, name: "長崎テック", invited: 2, completed: 1, rate: 50 },
    ]);
  });
});
