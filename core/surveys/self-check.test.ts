/**
 * IPA's 自社診断 end to end in core, on both databases: created from the template, answered
 * through the answering page's flow, scored on the server, the end page's score read again
 * from the stored answers, the score kept on the organisation the invitation names (and on no
 * other), seen there by the secretariat and that organisation's contact only, and the
 * community's distribution suppressed below 5 organisations.
 */
import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { memberOf, secretariat } from "../../tests/fixtures/community.ts";
import { insertOrganisation, insertPerson } from "../../tests/fixtures/rows.ts";
import { getCommunityDashboard } from "../community/get-community-dashboard.ts";
import { getOrganisationPosture } from "../community/get-organisation-posture.ts";
import { mergeOrganisations } from "../community/merge-organisations.ts";
import { fixedClock } from "../shared/clock.ts";
import { createSurvey } from "./create-survey.ts";
import { fieldName } from "./answer-form-fields.ts";
import { inviteRespondents } from "./invite-respondents.ts";
import { saveResponse } from "./save-response.ts";
import { showAnsweringPage } from "./show-answering-page.ts";
import { submitAnsweringPage } from "./submit-answering-page.ts";
import { type SelfCheckAnswer, scoreSelfCheck } from "./self-check-score.ts";
import { selfCheckParts } from "./templates/self-check.ts";
import { anonymous } from "../accounts/actor.ts";
import { noStorage } from "../../tests/support/storage.ts";

const tokenIn = (text: string) => /\?i=([\w-]+)/.exec(text)?.[1];

/** 25 answers in IPA's order, as the answers object the server stores. */
function answerSet(pick: (index: number) => SelfCheckAnswer) {
  let at = 0;
  return Object.fromEntries(
    selfCheckParts.map((p) => [p.name, Object.fromEntries(p.items.map((i) => [i.code, pick(at++)]))]),
  );
}

describe.each(testDatabases)("IPA's self-check on %s", (kind) => {
  const t = useTestDatabase(kind);
  const clock = fixedClock("2021-02-09T01:00:00.000Z");
  const deps = () => ({ db: t.db, dialect: t.dialect, clock, baseUrl: "http://localhost", storage: noStorage });

  async function invitedSelfCheck(access: "invitation" | "public" = "invitation") {
    const a = await insertOrganisation(t.db, { name: "A社", membership: "member", size_band: "21-50" });
    const b = await insertOrganisation(t.db, { name: "B社", membership: "member", size_band: "6-20" });
    await insertPerson(t.db, {
      family_name: "青木",
      given_name: "一郎",
      organisation_id: a,
      email: "aoki@a.example.jp",
    });
    const { id } = await createSurvey(deps(), secretariat, {
      title: "自社診断 2021",
      template: "ipa-self-check",
      access,
    });
    await inviteRespondents(deps(), secretariat, id, { organisationIds: [a] });
    const mail = await t.db
      .selectFrom("outbox_messages")
      .select("text_body")
      .where("to_address", "=", "aoki@a.example.jp")
      .executeTakeFirstOrThrow();
    return { a, b, surveyId: id, token: tokenIn(mail.text_body)! };
  }

  /** Posts the three pages as the answering form does (one field per matrix row). */
  async function answerByPages(surveyId: string, token: string | null, pick: (index: number) => SelfCheckAnswer) {
    const answers = answerSet(pick) as Record<string, Record<string, string>>;
    let location = "";
    for (const [page, part] of selfCheckParts.entries()) {
      const form = new FormData();
      form.set("_page", String(page));
      form.set("_action", page === 2 ? "submit" : "next");
      for (const [code, value] of Object.entries(answers[part.name]!)) form.set(fieldName(part.name, code), value);
      const outcome = await submitAnsweringPage(deps(), {
        surveyId,
        form,
        invitationToken: token,
        resumeSecret: token ? null : "browser-secret-0123456789abcdef",
        locale: "ja",
      });
      expect(outcome.kind === "screen" ? outcome.screen.errors : {}).toEqual({});
      if (outcome.kind === "redirect") location = outcome.location;
    }
    return location;
  }

  it("scores the answers on the server, shows the band on the end page and keeps it on the organisation", async () => {
    const { a, b, surveyId, token } = await invitedSelfCheck();
    // 20 done (80) + 3 partly (6) + 1 not done (0) + 1 don't know (−1) = 85: band 70–99.
    const pick = (i: number): SelfCheckAnswer =>
      i < 20 ? "done" : i < 23 ? "partly" : i === 23 ? "not-done" : "unknown";
    const location = await answerByPages(surveyId, token, pick);
    const result = new URL(location, "http://localhost").searchParams;
    expect(result.has("done")).toBe(true);
    const responseId = result.get("result")!;
    expect(responseId).toMatch(/^[0-9a-z]{26}$/);

    const end = await showAnsweringPage(deps(), anonymous, {
      surveyId,
      page: null,
      done: true,
      invitationToken: token,
      responseId,
      locale: "ja",
    });
    expect(end.status).toBe("done");
    expect(end.selfCheck).toMatchObject({ total: 85, band: "high", unknown: ["i25"] });
    expect(end.selfCheck!.parts.map((p) => p.points)).toEqual([20, 52, 13]);

    // The organisation's record: the secretariat and A's own contact see it, B's contact does not.
    for (const actor of [secretariat, memberOf(a)]) {
      const posture = await getOrganisationPosture(deps(), actor, a);
      expect(posture.selfCheck).toMatchObject({ total: 85, band: "high", on: "2021-02-09", surveyId });
      expect(posture.history.find((r) => r.kind === "self-check")).toMatchObject({ level: "high", score: 85 });
    }
    await expect(getOrganisationPosture(deps(), memberOf(b), a)).rejects.toMatchObject({ code: "forbidden" });
    expect((await getOrganisationPosture(deps(), secretariat, b)).selfCheck).toBeNull();
    // Not a declared fact: the posture rates do not count it.
    const audit = await t.db
      .selectFrom("audit_events")
      .select(["action", "entity_id"])
      .where("action", "=", "organisation.self-check")
      .execute();
    expect(audit).toEqual([{ action: "organisation.self-check", entity_id: a }]);
  });

  it("keeps the latest of several self-checks as current, the earlier in the history", async () => {
    const { a, surveyId, token } = await invitedSelfCheck();
    await answerByPages(surveyId, token, () => "not-done");
    const second = await createSurvey(deps(), secretariat, {
      title: "自社診断 再",
      template: "ipa-self-check",
      access: "invitation",
    });
    await inviteRespondents(deps(), secretariat, second.id, { organisationIds: [a] });
    const mail = await t.db
      .selectFrom("outbox_messages")
      .select("text_body")
      .where("to_address", "=", "aoki@a.example.jp")
      .where("text_body", "like", `%/s/${second.id}?%`)
      .executeTakeFirstOrThrow();
    clock.advance(86_400_000);
    await answerByPages(second.id, tokenIn(mail.text_body)!, () => "done");
    const posture = await getOrganisationPosture(deps(), secretariat, a);
    expect(posture.selfCheck).toMatchObject({ total: 100, band: "full", surveyId: second.id });
    expect(posture.history.filter((r) => r.kind === "self-check").map((r) => r.score)).toEqual([100, 0]);
  });

  it("moves the score with the organisation when the secretariat merges it into another", async () => {
    const { a, b, surveyId, token } = await invitedSelfCheck();
    await answerByPages(surveyId, token, () => "partly");
    await mergeOrganisations(deps(), secretariat, { duplicateId: a, keepId: b });
    expect((await getOrganisationPosture(deps(), secretariat, b)).selfCheck).toMatchObject({ total: 50, band: "mid" });
  });

  it("shows a public respondent their score but records it on no organisation", async () => {
    const { surveyId } = await invitedSelfCheck("public");
    const location = await answerByPages(surveyId, null, () => "unknown");
    const responseId = new URL(location, "http://localhost").searchParams.get("result")!;
    const end = await showAnsweringPage(deps(), anonymous, {
      surveyId,
      page: null,
      done: true,
      responseId,
      locale: "en",
    });
    expect(end.selfCheck).toMatchObject({ total: -25, band: "low" });
    expect(await t.db.selectFrom("organisation_posture").selectAll().execute()).toEqual([]);
  });

  it("never shows a score the server did not compute: bad, foreign or stale ids show none", async () => {
    const { surveyId, token } = await invitedSelfCheck();
    const location = await answerByPages(surveyId, token, () => "done");
    const responseId = new URL(location, "http://localhost").searchParams.get("result")!;
    const show = (over: Record<string, unknown>) =>
      showAnsweringPage(deps(), anonymous, { surveyId, page: null, done: true, locale: "ja", ...over });
    expect((await show({ responseId: "100" })).selfCheck).toBeUndefined();
    expect((await show({ responseId: "' or 1=1 --" })).selfCheck).toBeUndefined();
    // Another survey's response id, and a survey that is not a self-check.
    const other = await createSurvey(deps(), secretariat, { title: "別", template: "ipa-self-check" });
    expect(
      (
        await showAnsweringPage(deps(), anonymous, {
          surveyId: other.id,
          page: null,
          done: true,
          responseId,
          locale: "ja",
        })
      ).selfCheck,
    ).toBeUndefined();
    // A day later the end page no longer shows it.
    clock.advance(25 * 3_600_000);
    expect((await show({ responseId })).selfCheck).toBeUndefined();
  });

  it("refuses a tampered answer set and scores nothing", async () => {
    const { surveyId, token } = await invitedSelfCheck();
    const answers = answerSet(() => "done") as Record<string, Record<string, string>>;
    answers.part1!.i01 = "4";
    await expect(
      saveResponse(deps(), { surveyId, answers, mode: "complete", invitationToken: token }),
    ).rejects.toMatchObject({ code: "validation-failed" });
    delete answers.part1!.i01;
    await expect(
      saveResponse(deps(), { surveyId, answers, mode: "complete", invitationToken: token }),
    ).rejects.toMatchObject({ code: "validation-failed" });
    expect(await t.db.selectFrom("organisation_posture").selectAll().execute()).toEqual([]);
  });

  it("shows the community's distribution only from 5 organisations, and hides what subtraction would give", async () => {
    const survey = await createSurvey(deps(), secretariat, {
      title: "自社診断",
      template: "ipa-self-check",
      access: "invitation",
    });
    const orgs: string[] = [];
    for (let i = 0; i < 6; i++) {
      const org = await insertOrganisation(t.db, { name: `会社${i}`, membership: "member", size_band: "6-20" });
      await insertPerson(t.db, {
        family_name: "担当",
        given_name: `${i}`,
        organisation_id: org,
        email: `p${i}@example.jp`,
      });
      orgs.push(org);
    }
    await inviteRespondents(deps(), secretariat, survey.id, { organisationIds: orgs });
    const mails = await t.db.selectFrom("outbox_messages").select(["to_address", "text_body"]).execute();
    const tokenOf = (i: number) => tokenIn(mails.find((m) => m.to_address === `p${i}@example.jp`)!.text_body)!;
    const dashboard = () => getCommunityDashboard(deps(), secretariat);
    // Four organisations: nothing at all.
    for (let i = 0; i < 4; i++) await answerByPages(survey.id, tokenOf(i), () => "done");
    expect((await dashboard()).selfCheck).toMatchObject({ respondents: null, average: null, suppressed: true });
    // Six: 5 × 100 and 1 × 0. The 1 in `low` is hidden, and so is `full` (else 6 − 5 gives it).
    await answerByPages(survey.id, tokenOf(4), () => "done");
    await answerByPages(survey.id, tokenOf(5), () => "not-done");
    const d = (await dashboard()).selfCheck;
    expect(d.respondents).toBe(6);
    expect(d.bands.find((b) => b.band === "low")!.count).toBeNull();
    expect(d.bands.find((b) => b.band === "full")!.count).toBeNull();
    expect(d.suppressed).toBe(true);
    // And the scores behind it are right: 5 × 100 + 0.
    expect(scoreSelfCheck(answerSet(() => "done"))!.total).toBe(100);
  });
});
