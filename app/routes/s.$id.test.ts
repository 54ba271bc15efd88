/**
 * The answering page's action decides more than a route usually does: which page comes next or
 * before, the resume cookie of a public survey, where a refused final submission sends the
 * respondent (the earliest page with an error), and the 409 pages for a closed survey. The
 * browser journey is in tests/e2e/surveys.test.ts; counting and checking answers in core/surveys.
 */
import { parseSetCookie } from "cookie";
import { describe, expect, it } from "vitest";
import { answeringPage } from "#core/surveys/answering-page.ts";
import type { Answers } from "#core/surveys/check-answers.ts";
import { createSurvey } from "#core/surveys/create-survey.ts";
import { nagasakiDemoAnswers } from "#core/surveys/demo-answers.ts";
import { updateSurvey } from "#core/surveys/update-survey.ts";
import { anonymousActor, grant } from "../../tests/fixtures/actors.ts";
import { insertUser } from "../../tests/fixtures/rows.ts";
import { testDatabases } from "../../tests/support/databases.ts";
import { callRoute } from "../../tests/support/routes.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { MATRIX_SEPARATOR } from "../../core/surveys/answer-form-fields.ts";
import { action } from "./s.$id.tsx";

const talks = [
  { id: "t1", title: "講演1" },
  { id: "t2", title: "講演2" },
];
const answers = nagasakiDemoAnswers(["t1", "t2"])[16]!;

describe.each(testDatabases)("the answering page's action on %s", (kind) => {
  const services = useTestServices(kind);
  const openSurvey = async () => {
    const db = services.database.db;
    const office = await insertUser(db, services.database.dialect, {
      name: "事務局",
      email: "office@example.jp",
      grants: [grant("secretariat")],
    });
    const { id } = await createSurvey(services.accounts, office, {
      title: "会員アンケート",
      template: "regional-standard",
      talks,
    });
    await updateSurvey(services.accounts, office, id, { title: "会員アンケート", access: "public", status: "open" });
    const survey = await db
      .selectFrom("surveys")
      .select("definition_json")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    return { id, office, definition: JSON.parse(survey.definition_json) };
  };
  /** The fields a browser posts for one page, filled from `values` (as the form names them). */
  const pageForm = (definition: any, page: number, values: Answers, intent: string) => {
    const view = answeringPage(definition, values, page, "ja");
    const form: Record<string, string | string[]> = { _page: String(view.page), _action: intent };
    for (const q of view.questions) {
      const value = values[q.name];
      if (value === undefined) continue;
      if (q.type === "matrix")
        for (const [row, v] of Object.entries(value as Record<string, string>))
          form[`${q.name}${MATRIX_SEPARATOR}${row}`] = v;
      else form[q.name] = Array.isArray(value) ? value.map(String) : String(value);
      const comment = values[`${q.name}-Comment`];
      if (comment !== undefined) form[`${q.name}-Comment`] = String(comment);
    }
    return { view, form };
  };
  const post = (id: string, form: Record<string, string | string[]>, cookie?: string) =>
    callRoute(action, {
      services,
      actor: anonymousActor,
      url: `/s/${id}`,
      params: { id },
      form,
      headers: cookie ? { cookie } : {},
    });

  it("saves a page, gives a public respondent a resume cookie and goes to the next page", async () => {
    const { id, definition } = await openSurvey();
    const { view, form } = pageForm(definition, 0, answers, "next");
    const result = await post(id, form);
    expect(result.status).toBe(302);
    expect(result.location).toBe(`/s/${id}?page=${view.next}`);
    const cookie = result.headers.get("Set-Cookie")!;
    expect(parseSetCookie(cookie)).toMatchObject({
      name: `chiiki_sr_${id}`,
      value: expect.stringMatching(/^[\w-]{20,}$/),
      path: `/s/${id}`,
      httpOnly: true,
      sameSite: "lax",
    });
    const saved = await services.database.db
      .selectFrom("survey_responses")
      .select(["status"])
      .where("survey_id", "=", id)
      .execute();
    expect(saved).toEqual([{ status: "partial" }]);

    // Back from the second page: nothing is required there, the same cookie, the first page again.
    const second = pageForm(definition, view.next!, {}, "back");
    const back = await post(id, second.form, cookie.split(";")[0]);
    expect([back.status, back.location]).toEqual([302, `/s/${id}?page=${view.page}`]);
    expect(back.headers.get("Set-Cookie")).toBeNull();
  });

  it("stays on a page with a missing answer: 422 and the question's Japanese message", async () => {
    const { id, definition } = await openSurvey();
    const { view, form } = pageForm(definition, 0, {}, "next");
    const result = await post(id, form);
    expect(result.status).toBe(422);
    expect(result.data.view.page).toBe(view.page);
    const required = view.questions.find((q) => q.required)!;
    expect(result.data.errors[required.name]).toBe("回答が必要です");
  });

  it("sends a final submission that fails on an earlier page back to that page", async () => {
    const { id, definition } = await openSurvey();
    // Walk every page with all answers saved, then drop an answer of the first page and submit.
    let page = 0;
    let cookie: string | undefined;
    let last = answeringPage(definition, answers, 0, "ja");
    for (;;) {
      const { view, form } = pageForm(definition, page, answers, "next");
      last = view;
      if (view.next === null) break;
      const result = await post(id, form, cookie);
      cookie ??= result.headers.get("Set-Cookie")!.split(";")[0];
      page = view.next;
    }
    const first = answeringPage(definition, answers, 0, "ja").questions.find((q) => q.required)!;
    const pages = await services.database.db
      .selectFrom("survey_responses")
      .select("answers_json")
      .where("survey_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(pages.answers_json)).toHaveProperty(first.name);
    await services.database.db
      .updateTable("survey_responses")
      .set({ answers_json: JSON.stringify({ ...JSON.parse(pages.answers_json), [first.name]: undefined }) })
      .where("survey_id", "=", id)
      .execute();
    const { form } = pageForm(definition, last.page, answers, "submit");
    const result = await post(id, form, cookie);
    expect(result.status).toBe(422);
    expect(result.data.view.page).toBe(answeringPage(definition, answers, 0, "ja").page);
    expect(result.data.errors[first.name]).toBeTruthy();

    // Answered again, the submission completes, the cookie is cleared and the page says done.
    const fixed = pageForm(definition, 0, answers, "next");
    await post(id, fixed.form, cookie);
    const done = await post(id, form, cookie);
    expect([done.status, done.location]).toEqual([302, `/s/${id}?done`]);
    expect(done.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
  });

  it("answers a closed survey with its closed page and 409, and saves nothing", async () => {
    const { id, office, definition } = await openSurvey();
    await updateSurvey(services.accounts, office, id, { title: "会員アンケート", access: "public", status: "closed" });
    const result = await post(id, pageForm(definition, 0, answers, "next").form);
    expect(result.status).toBe(409);
    expect(result.data.status).toBe("closed");
    expect(await services.database.db.selectFrom("survey_responses").select("id").execute()).toEqual([]);
  });
});
