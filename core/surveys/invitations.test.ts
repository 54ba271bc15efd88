import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { fixedClock } from "../shared/clock.ts";
import { createSurvey } from "./create-survey.ts";
import { deleteResponse } from "./delete-response.ts";
import { nagasakiDemoAnswers } from "./demo-answers.ts";
import { getSurveyOverview } from "./get-survey-overview.ts";
import { inviteRespondents } from "./invite-respondents.ts";
import { saveResponse } from "./save-response.ts";
import { sendReminders } from "./send-reminders.ts";
import { updateSurvey } from "./update-survey.ts";
import { member, secretariat } from "../../tests/fixtures/surveys.ts";

const tokenIn = (text: string) => /\?i=([\w-]+)/.exec(text)?.[1];

describe.each(testDatabases)("survey invitations on %s", (kind) => {
  const t = useTestDatabase(kind);
  const clock = fixedClock("2021-01-27T00:00:00.000Z");
  const deps = () => ({ db: t.db, dialect: t.dialect, clock, baseUrl: "http://localhost" });

  it("mails personal links in the invitation's transaction, tracks progress, reminds only those who have not answered", async () => {
    const { id } = await createSurvey(deps(), secretariat, {
      title: "実態把握調査",
      template: "regional-standard",
      access: "invitation",
    });
    const result = await inviteRespondents(deps(), secretariat, id, {
      emails: ["a@example.jp", "B@example.jp", "c@example.jp", "a@example.jp"],
    });
    expect(result).toEqual({ invited: 3, skipped: 0 });
    expect(await inviteRespondents(deps(), secretariat, id, { emails: ["a@example.jp"] })).toEqual({
      invited: 0,
      skipped: 1,
    });
    const mails = await t.db
      .selectFrom("outbox_messages")
      .selectAll()
      .where("dedupe_key", "like", "survey-invitation:%")
      .orderBy("to_address")
      .execute();
    expect(mails.map((m) => m.to_address)).toEqual(["a@example.jp", "b@example.jp", "c@example.jp"]);
    expect(mails[0]!.subject).toContain("実態把握調査");
    const [a, b] = mails.map((m) => tokenIn(m.text_body)!);

    const answers = nagasakiDemoAnswers(["x", "y"])[3]!;
    delete answers.q16_attended;
    delete answers.q16;
    await saveResponse(deps(), { surveyId: id, answers, mode: "complete", invitationToken: a });
    await saveResponse(deps(), {
      surveyId: id,
      answers: { q1: "ict" },
      mode: "partial",
      pages: [0],
      invitationToken: b,
    });
    let overview = await getSurveyOverview(deps(), secretariat, id);
    expect(overview.invitations).toMatchObject({ invited: 3, started: 1, completed: 1 });
    expect(overview.responses).toMatchObject({ complete: 1, partial: 1, excluded: 0 });

    clock.advance(86_400_000);
    expect(await sendReminders(deps(), secretariat, id)).toEqual({ reminded: 2 });
    const reminders = await t.db
      .selectFrom("outbox_messages")
      .selectAll()
      .where("dedupe_key", "like", "survey-reminder:%")
      .orderBy("to_address")
      .execute();
    expect(reminders.map((m) => m.to_address)).toEqual(["b@example.jp", "c@example.jp"]);
    // b has started: no new link (their saved answers wait behind the first one); c gets a fresh link.
    expect(tokenIn(reminders[0]!.text_body)).toBeUndefined();
    const fresh = tokenIn(reminders[1]!.text_body)!;
    await expect(
      saveResponse(deps(), { surveyId: id, answers, mode: "complete", invitationToken: fresh }),
    ).resolves.toMatchObject({ status: "complete" });
    await expect(
      saveResponse(deps(), { surveyId: id, answers, mode: "complete", invitationToken: b }),
    ).resolves.toMatchObject({ status: "complete" });
    overview = await getSurveyOverview(deps(), secretariat, id);
    expect(overview.invitations).toMatchObject({ invited: 3, started: 0, completed: 3 });
    expect(overview.responses).toMatchObject({ complete: 3, partial: 0, excluded: 0 });
    await expect(inviteRespondents(deps(), member, id, { emails: ["x@example.jp"] })).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("changes dates and status, and deletes a response on request, with audit records", async () => {
    const { id } = await createSurvey(deps(), secretariat, { title: "調査", template: "regional-standard" });
    await expect(
      updateSurvey(deps(), secretariat, id, { opensAt: "2021-02-01T00:00:00Z", closesAt: "2021-01-01T00:00:00Z" }),
    ).rejects.toMatchObject({ code: "validation-failed" });
    await updateSurvey(deps(), secretariat, id, { closesAt: "2021-01-20T00:00:00Z" });
    expect((await getSurveyOverview(deps(), secretariat, id)).accepting).toBe(false);
    await updateSurvey(deps(), secretariat, id, { closesAt: null, status: "open" });
    const answers = nagasakiDemoAnswers(["x", "y"])[5]!;
    delete answers.q16_attended;
    delete answers.q16;
    const saved = await saveResponse(deps(), { surveyId: id, answers, mode: "complete" });
    await deleteResponse(deps(), secretariat, id, saved.id);
    expect(await t.db.selectFrom("survey_responses").select("id").where("survey_id", "=", id).execute()).toEqual([]);
    await expect(deleteResponse(deps(), secretariat, id, saved.id)).rejects.toMatchObject({ code: "not-found" });
    await expect(deleteResponse(deps(), member, id, saved.id)).rejects.toMatchObject({ code: "forbidden" });
    const audit = await t.db
      .selectFrom("audit_events")
      .select("action")
      .where((eb) => eb.or([eb("entity_id", "=", id), eb("entity_id", "=", saved.id)]))
      .orderBy("id")
      .execute();
    expect(audit.map((x) => x.action).sort()).toEqual([
      "survey-response.complete",
      "survey-response.delete",
      "survey.create",
      "survey.update",
      "survey.update",
    ]);
  });
});
