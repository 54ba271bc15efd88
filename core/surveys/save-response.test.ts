import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { fixedClock } from "../shared/clock.ts";
import { newSecretToken, sha256 } from "../shared/crypto.ts";
import { newId } from "../../db/ids.ts";
import { createSurvey } from "./create-survey.ts";
import { nagasakiDemoAnswers } from "./demo-answers.ts";
import { openSurveyForAnswering } from "./open-survey-for-answering.ts";
import { saveResponse } from "./save-response.ts";
import { secretariat } from "../../tests/fixtures/surveys.ts";

const talks = [
  { id: "t1", title: "講演1" },
  { id: "t2", title: "講演2" },
];
const valid = () => nagasakiDemoAnswers(["t1", "t2"])[16]!; // never joined: q12 definitely, q13 shown

describe.each(testDatabases)("saveResponse on %s", (kind) => {
  const t = useTestDatabase(kind);
  const clock = fixedClock("2021-02-01T00:00:00.000Z");
  const deps = () => ({ db: t.db, dialect: t.dialect, clock, baseUrl: "http://localhost" });
  const survey = async (extra: Record<string, unknown> = {}) =>
    (await createSurvey(deps(), secretariat, { title: "調査", template: "regional-standard", talks, ...extra })).id;

  it("stores a complete answer set without the answers to hidden questions", async () => {
    const id = await survey();
    const saved = await saveResponse(deps(), {
      surveyId: id,
      answers: { ...valid(), q14: ["cost"], q11: "hidden text", junk: 1 },
      mode: "complete",
    });
    const row = await t.db
      .selectFrom("survey_responses")
      .selectAll()
      .where("id", "=", saved.id)
      .executeTakeFirstOrThrow();
    const stored = JSON.parse(row.answers_json);
    expect(row.status).toBe("complete");
    expect(stored.q13).toEqual(["no-topic", "unaware"]);
    expect(stored).not.toHaveProperty("q14");
    expect(stored).not.toHaveProperty("q11");
    expect(stored).not.toHaveProperty("junk");
    expect(row).not.toHaveProperty("invitation_id");
  });

  it("refuses missing, unknown and incomplete answers per question, with Japanese messages, and writes nothing", async () => {
    const id = await survey();
    const answers = { ...valid(), q2: "lots", q6: { backup: "done" }, q1: "other" } as Record<string, unknown>;
    delete answers["q1-Comment"];
    delete answers.q17;
    const error = await saveResponse(deps(), { surveyId: id, answers, mode: "complete" }).catch((e) => e);
    expect(error.code).toBe("validation-failed");
    const byQuestion = Object.fromEntries(error.fields.map((f: any) => [f.field, f]));
    expect(byQuestion.q2.code).toBe("choice");
    expect(byQuestion.q1.code).toBe("other-required");
    expect(byQuestion.q6.code).toBe("all-rows-required");
    expect(byQuestion.q17).toMatchObject({ code: "required", params: { message: "回答が必要です" } });
    expect(await t.db.selectFrom("survey_responses").select("id").where("survey_id", "=", id).execute()).toEqual([]);
  });

  it("does not require q11, and requires q12 only when q10 is never", async () => {
    const id = await survey();
    const local = nagasakiDemoAnswers(["t1", "t2"])[10]!; // local, no q11 text
    expect(local.q11).toBeUndefined();
    await expect(saveResponse(deps(), { surveyId: id, answers: local, mode: "complete" })).resolves.toMatchObject({
      status: "complete",
    });
    const never = { ...valid() };
    delete never.q12;
    await expect(saveResponse(deps(), { surveyId: id, answers: never, mode: "complete" })).rejects.toMatchObject({
      fields: [{ field: "q12", code: "required" }],
    });
  });

  it("refuses answers outside the survey's dates or when closed (409)", async () => {
    const early = await survey({ opensAt: "2021-03-01T00:00:00Z" });
    await expect(saveResponse(deps(), { surveyId: early, answers: valid(), mode: "complete" })).rejects.toMatchObject({
      code: "survey-closed",
      status: 409,
    });
    const closed = await survey({ status: "closed" });
    await expect(saveResponse(deps(), { surveyId: closed, answers: valid(), mode: "complete" })).rejects.toMatchObject({
      code: "survey-closed",
    });
  });

  it("saves progress and resumes it with the same secret, then completes that very row", async () => {
    const id = await survey();
    const secret = newSecretToken();
    const first = await saveResponse(deps(), {
      surveyId: id,
      answers: { q1: "ict" },
      mode: "partial",
      pages: [0],
      resumeSecret: secret,
    });
    expect(first.errors.map((e) => e.question)).toEqual(["q2", "q3", "q4", "q5"]);
    const state = await openSurveyForAnswering(deps(), { surveyId: id, resumeSecret: secret });
    expect(state.answers).toEqual({ q1: "ict" });
    expect((await openSurveyForAnswering(deps(), { surveyId: id, resumeSecret: newSecretToken() })).answers).toEqual(
      {},
    );
    const done = await saveResponse(deps(), { surveyId: id, answers: valid(), mode: "complete", resumeSecret: secret });
    expect(done.id).toBe(first.id);
    const rows = await t.db.selectFrom("survey_responses").selectAll().where("survey_id", "=", id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "complete", resume_hash: null });
  });

  it("takes one response per invitation, tracks it on the invitation, and keeps the two apart", async () => {
    const id = await survey({ access: "invitation" });
    const token = newSecretToken();
    const invitationId = newId();
    await t.db
      .insertInto("survey_invitations")
      .values({
        id: invitationId,
        survey_id: id,
        email: "a@example.jp",
        person_id: null,
        organisation_id: null,
        token_hash: sha256(token),
        state: "invited",
        invited_at: clock.now().toISOString(),
        completed_at: null,
        reminded_at: null,
        reminder_count: 0,
      })
      .execute();
    await expect(saveResponse(deps(), { surveyId: id, answers: valid(), mode: "complete" })).rejects.toMatchObject({
      code: "invitation-invalid",
    });
    await saveResponse(deps(), {
      surveyId: id,
      answers: { q1: "ict" },
      mode: "partial",
      pages: [0],
      invitationToken: token,
    });
    expect(
      await t.db.selectFrom("survey_invitations").select("state").where("id", "=", invitationId).executeTakeFirst(),
    ).toEqual({ state: "started" });
    const saved = await saveResponse(deps(), {
      surveyId: id,
      answers: valid(),
      mode: "complete",
      invitationToken: token,
    });
    const invitation = await t.db
      .selectFrom("survey_invitations")
      .selectAll()
      .where("id", "=", invitationId)
      .executeTakeFirstOrThrow();
    expect(invitation).toMatchObject({ state: "completed", completed_at: "2021-02-01" });
    const response = await t.db
      .selectFrom("survey_responses")
      .selectAll()
      .where("id", "=", saved.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(response)).not.toContain(invitationId);
    expect(JSON.stringify(response)).not.toContain(invitation.token_hash);
    await expect(
      saveResponse(deps(), { surveyId: id, answers: valid(), mode: "complete", invitationToken: token }),
    ).rejects.toMatchObject({ code: "survey-answered", status: 409 });
    await expect(
      saveResponse(deps(), { surveyId: id, answers: valid(), mode: "complete", invitationToken: "forged" }),
    ).rejects.toMatchObject({ code: "invitation-invalid" });
    expect(
      await t.db
        .selectFrom("survey_responses")
        .select("id")
        .where("survey_id", "=", id)
        .where("status", "=", "complete")
        .execute(),
    ).toHaveLength(1);
  });
});
