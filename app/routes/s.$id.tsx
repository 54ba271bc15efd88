/**
 * The public answering page (short URL /s/<survey id>, invitations add ?i=<token>). Server-
 * rendered page by page, phone first, without React on the client: the route sets
 * `handle.scripts = false` and loads one small script of its own, which only shows and hides
 * same-page conditional questions; the server judges every answer again (survey-core).
 */
import { data, redirect } from "react-router";
import type { Route } from "./+types/s.$id";
import type { Answers } from "#core/surveys/check-answers.ts";
import { answeringPage, type PageQuestion } from "#core/surveys/answering-page.ts";
import { listQuestions } from "#core/surveys/definition.ts";
import { openSurveyForAnswering } from "#core/surveys/open-survey-for-answering.ts";
import { saveResponse } from "#core/surveys/save-response.ts";
import { isAppError } from "#core/shared/errors.ts";
import { isSecretariat } from "#core/accounts/actor.ts";
import { findSurvey } from "#core/surveys/find-survey.ts";
import { stateOf } from "../context.ts";
import { orRespond } from "../lib/http.server.ts";
import { MATRIX_SEPARATOR } from "../lib/answer-form-names.ts";
import { useT } from "../lib/i18n.ts";
import { mergePageAnswers, newResumeSecret, readResumeSecret, resumeCookie } from "./s.answer-form.server.ts";

export const handle = { scripts: false };

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `${loaderData?.title ?? ""} · Chiiki` }];

type Status = "answering" | "closed" | "answered" | "invalid" | "done";

function pageParam(url: URL): number {
  const n = Number(url.searchParams.get("page") ?? 0);
  return Number.isInteger(n) && n >= 0 && n < 1000 ? n : 0;
}

async function load(args: { request: Request; context: Route.LoaderArgs["context"]; params: { id: string } }) {
  const state = stateOf(args.context);
  const url = new URL(args.request.url);
  const token = url.searchParams.get("i");
  const answering = await orRespond(state, args.request, () =>
    openSurveyForAnswering(state.services.accounts, {
      surveyId: args.params.id,
      invitationToken: token,
      resumeSecret: readResumeSecret(args.request, args.params.id),
    }),
  );
  return { state, url, token, answering };
}

export async function loader(args: Route.LoaderArgs) {
  const state = stateOf(args.context);
  const url = new URL(args.request.url);
  if (url.searchParams.get("preview") === "1" && isSecretariat(state.actor)) {
    // The secretariat previews any survey, drafts included, page by page; nothing is saved.
    const survey = await orRespond(state, args.request, () => findSurvey(state.services.database.db, args.params.id));
    const view = answeringPage(survey.definition, {}, pageParam(url), state.locale, { showAll: true });
    return {
      status: "answering" as Status,
      preview: true,
      title: survey.title,
      surveyId: survey.id,
      token: null,
      nonce: state.nonce,
      view,
      values: {} as Answers,
      errors: {} as Record<string, string>,
    };
  }
  const { token, answering } = await load(args);
  const status: Status = url.searchParams.has("done")
    ? "done"
    : answering.invitation === "invalid"
      ? "invalid"
      : answering.invitation === "answered"
        ? "answered"
        : !answering.accepting
          ? "closed"
          : "answering";
  const view =
    status === "answering"
      ? answeringPage(answering.survey.definition, answering.answers, pageParam(url), state.locale)
      : null;
  return {
    status,
    preview: false,
    title: answering.survey.title,
    surveyId: answering.survey.id,
    token,
    nonce: state.nonce,
    view,
    values: answering.answers,
    errors: {} as Record<string, string>,
  };
}

export async function action(args: Route.ActionArgs) {
  const { state, token, answering } = await load(args);
  const form = await args.request.formData();
  const page = Number(form.get("_page"));
  const intent = String(form.get("_action") ?? "next");
  const view = answeringPage(
    answering.survey.definition,
    answering.answers,
    Number.isInteger(page) ? page : 0,
    state.locale,
  );
  const answers = mergePageAnswers(answering.answers, view.questions, form);
  const headers = new Headers();
  let secret = token ? null : readResumeSecret(args.request, answering.survey.id);
  if (!token && !secret) {
    secret = newResumeSecret();
    headers.append("Set-Cookie", resumeCookie(answering.survey.id, secret, state.services.env.secureCookies));
  }
  const base = `/s/${answering.survey.id}?${token ? `i=${encodeURIComponent(token)}&` : ""}`;
  const again = (errors: Record<string, string>, values: Answers, at = view, status = 422) =>
    data(
      {
        status: "answering" as Status,
        preview: false,
        title: answering.survey.title,
        surveyId: answering.survey.id,
        token,
        nonce: state.nonce,
        view: at,
        values,
        errors,
      },
      { status, headers },
    );
  try {
    if (intent === "submit" && view.next === null) {
      await saveResponse(state.services.accounts, {
        surveyId: answering.survey.id,
        answers,
        mode: "complete",
        invitationToken: token,
        resumeSecret: secret,
        locale: state.locale,
      });
      if (!token)
        headers.append("Set-Cookie", resumeCookie(answering.survey.id, null, state.services.env.secureCookies));
      throw redirect(`${base}done`, { headers });
    }
    const saved = await saveResponse(state.services.accounts, {
      surveyId: answering.survey.id,
      answers,
      mode: "partial",
      pages: intent === "back" ? [] : [view.page],
      invitationToken: token,
      resumeSecret: secret,
      locale: state.locale,
    });
    if (saved.errors.length)
      return again(Object.fromEntries(saved.errors.map((e) => [e.question, e.message])), answers);
    const after = answeringPage(answering.survey.definition, answers, view.page, state.locale);
    const target = intent === "back" ? after.previous : after.next;
    throw redirect(`${base}page=${target ?? view.page}`, { headers });
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === "validation-failed") {
      // A complete submission can fail on an earlier page (answers changed since): go there.
      const errors = Object.fromEntries(error.fields.map((f) => [f.field, String(f.params?.message ?? "")]));
      const pageOf = new Map(listQuestions(answering.survey.definition).map((q) => [q.name, q.page]));
      const first = Math.min(...error.fields.map((f) => pageOf.get(f.field) ?? view.page));
      return again(errors, answers, answeringPage(answering.survey.definition, answers, first, state.locale));
    }
    if (error.code === "survey-closed" || error.code === "survey-answered") {
      return data(
        {
          status: (error.code === "survey-closed" ? "closed" : "answered") as Status,
          preview: false,
          title: answering.survey.title,
          surveyId: answering.survey.id,
          token,
          nonce: state.nonce,
          view: null,
          values: {},
          errors: {},
        },
        { status: 409, headers },
      );
    }
    return orRespond(state, args.request, () => Promise.reject(error));
  }
}

function OptionInput({
  type,
  name,
  value,
  label,
  checked,
}: {
  type: "radio" | "checkbox";
  name: string;
  value: string;
  label: string;
  checked: boolean;
}) {
  return (
    <label className="sv-option">
      <input type={type} name={name} value={value} defaultChecked={checked} />
      <span>{label}</span>
    </label>
  );
}

function Question({
  q,
  values,
  error,
  t,
}: {
  q: PageQuestion;
  values: Answers;
  error?: string;
  t: ReturnType<typeof useT>;
}) {
  const value = values[q.name];
  const selected = (v: string) => (Array.isArray(value) ? value.includes(v) : String(value ?? "") === v);
  const errorId = `e-${q.name}`;
  const titleId = `t-${q.name}`;
  const other = q.hasOther ? (
    <div className="sv-other">
      <OptionInput
        type={q.type === "checkbox" ? "checkbox" : "radio"}
        name={q.name}
        value="other"
        label={q.otherLabel}
        checked={selected("other")}
      />
      <input
        type="text"
        name={`${q.name}-Comment`}
        aria-label={`${q.otherLabel}（${t("surveys.answer.specify")}）`}
        defaultValue={String(values[`${q.name}-Comment`] ?? "")}
        maxLength={4000}
      />
    </div>
  ) : null;
  let body: React.ReactNode;
  switch (q.type) {
    case "radiogroup":
    case "boolean":
    case "checkbox":
      body = (
        <>
          {q.choices.map((c) => (
            <OptionInput
              key={c.value}
              type={q.type === "checkbox" ? "checkbox" : "radio"}
              name={q.name}
              value={c.value}
              label={c.label}
              checked={selected(c.value)}
            />
          ))}
          {other}
        </>
      );
      break;
    case "dropdown":
      body = (
        <>
          <select name={q.name} defaultValue={String(value ?? "")} aria-labelledby={titleId}>
            <option value="">{t("surveys.answer.choose")}</option>
            {q.choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
            {q.hasOther && <option value="other">{q.otherLabel}</option>}
          </select>
          {q.hasOther && (
            <input
              type="text"
              name={`${q.name}-Comment`}
              aria-label={q.otherLabel}
              defaultValue={String(values[`${q.name}-Comment`] ?? "")}
            />
          )}
        </>
      );
      break;
    case "matrix": {
      const rows = (value ?? {}) as Record<string, string>;
      body = q.rows.map((r) => (
        <fieldset key={r.value} className="sv-row">
          <legend>{r.label}</legend>
          {q.columns.map((c) => (
            <OptionInput
              key={c.value}
              type="radio"
              name={`${q.name}${MATRIX_SEPARATOR}${r.value}`}
              value={c.value}
              label={c.label}
              checked={rows[r.value] === c.value}
            />
          ))}
        </fieldset>
      ));
      break;
    }
    case "comment":
      body = (
        <textarea
          name={q.name}
          rows={4}
          maxLength={4000}
          aria-labelledby={titleId}
          defaultValue={String(value ?? "")}
        />
      );
      break;
    case "text":
      body = (
        <input
          type="text"
          name={q.name}
          maxLength={4000}
          aria-labelledby={titleId}
          defaultValue={String(value ?? "")}
        />
      );
      break;
  }
  return (
    <fieldset
      className={`sv-q${error ? " sv-q--invalid" : ""}`}
      id={`q-${q.name}`}
      data-visible-if={q.live ? (q.visibleIf ?? undefined) : undefined}
      aria-describedby={error ? errorId : undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend id={titleId}>
        {q.title}
        {q.required ? (
          <span className="sv-req"> {t("surveys.answer.required")}</span>
        ) : (
          <span className="sv-opt"> {t("surveys.answer.optional")}</span>
        )}
      </legend>
      {q.description && <p className="sv-desc">{q.description}</p>}
      {error && (
        <p className="sv-error" id={errorId}>
          {error}
        </p>
      )}
      {body}
    </fieldset>
  );
}

export default function AnswerSurvey({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const d = actionData ?? loaderData;
  const message = {
    closed: t("surveys.answer.closed"),
    answered: t("surveys.answer.alreadyAnswered"),
    invalid: t("surveys.answer.invalidLink"),
    done: t("surveys.answer.thanks"),
    answering: "",
  }[d.status];
  const query = d.token ? `?i=${encodeURIComponent(d.token)}` : "";
  const errorCount = Object.keys(d.errors).length;
  return (
    <section className="sv" aria-labelledby="sv-title">
      <h1 id="sv-title">{d.title}</h1>
      {message && (
        <p className={d.status === "done" ? "notice notice--success" : "notice notice--info"} role="status">
          {message}
        </p>
      )}
      {d.view && (
        <form method="post" action={`/s/${d.surveyId}${query}`} noValidate className="sv-form">
          <p className="sv-progress">{t("surveys.answer.progress", { page: d.view.position, count: d.view.count })}</p>
          {d.view.title && <h2>{d.view.title}</h2>}
          {errorCount > 0 && (
            <p className="notice notice--error" role="alert">
              {t("surveys.answer.fixErrors", { count: errorCount })}
            </p>
          )}
          <input type="hidden" name="_page" value={d.view.page} />
          {d.view.questions.map((q) => (
            <Question key={q.name} q={q} values={d.values} error={d.errors[q.name]} t={t} />
          ))}
          {d.preview ? (
            <p className="notice notice--info">
              {t("surveys.answer.previewNotice")}{" "}
              {d.view.previous !== null && (
                <a href={`/s/${d.surveyId}?preview=1&page=${d.view.previous}`}>{t("surveys.answer.back")}</a>
              )}{" "}
              {d.view.next !== null && (
                <a href={`/s/${d.surveyId}?preview=1&page=${d.view.next}`}>{t("surveys.answer.next")}</a>
              )}
            </p>
          ) : (
            <div className="actions sv-actions">
              {d.view.next === null ? (
                <button type="submit" name="_action" value="submit" className="button">
                  {t("surveys.answer.submit")}
                </button>
              ) : (
                <button type="submit" name="_action" value="next" className="button">
                  {t("surveys.answer.next")}
                </button>
              )}
              {d.view.previous !== null && (
                <button type="submit" name="_action" value="back" className="button button--secondary">
                  {t("surveys.answer.back")}
                </button>
              )}
            </div>
          )}
          <p className="sv-note">{t("surveys.answer.privacy")}</p>
        </form>
      )}
      <script src="/survey-answer.js" nonce={d.nonce} defer />
    </section>
  );
}
