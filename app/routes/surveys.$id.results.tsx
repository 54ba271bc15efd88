import { Form, Link } from "react-router";
import type { Route } from "./+types/surveys.$id.results";
import { surveysDepsFrom } from "#core/surveys/deps.ts";
import type { CountCell, QuestionResult } from "#core/surveys/aggregate-answers.ts";
import { computeResults, type ReviewedText } from "#core/surveys/compute-results.ts";
import { isSingleChoice, listQuestions } from "#core/surveys/definition.ts";
import { findSurvey } from "#core/surveys/find-survey.ts";
import { reviewSurveyText } from "#core/surveys/review-survey-text.ts";
import { failureOf, FormError, Notice } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { orRespond, requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { questionChart } from "./surveys.charts.server.ts";
import { TableWrap } from "../components/table-wrap.tsx";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.results.title ?? ""} · 集計結果 · Chiiki` },
];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const url = new URL(request.url);
  const by = url.searchParams.get("by") || undefined;
  const question = url.searchParams.get("question") || undefined;
  const shared = url.searchParams.get("shared") === "1";
  const deps = surveysDepsFrom(state.services);
  return orRespond(state, request, async () => {
    const results = await computeResults(deps, actor, params.id, {
      locale: state.locale,
      by,
      crossQuestion: by ? question : undefined,
      forSharing: shared,
    });
    const questions = listQuestions((await findSurvey(deps.db, params.id)).definition, state.locale);
    return {
      results,
      charts: Object.fromEntries(results.questions.map((q) => [q.name, questionChart(q)])),
      byOptions: questions.filter(isSingleChoice).map((q) => ({ value: q.name, label: q.title })),
      questionOptions: questions.map((q) => ({ value: q.name, label: q.title })),
      selected: { by: by ?? "", question: question ?? "", shared },
    };
  });
}

/** The secretariat decides how each free text appears in views for sharing (forms work without JS). */
export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const input = { responseId: "", question: "", ...formInput(form) } as Parameters<typeof reviewSurveyText>[3];
    await reviewSurveyText(surveysDepsFrom(state.services), actor, params.id, input);
    return { ok: true as const, notice: state.t("surveys.results.review.saved") };
  });
}

function TextReviews({ reviews, t }: { reviews: ReviewedText[]; t: ReturnType<typeof useT> }) {
  if (!reviews.length) return null;
  return (
    <details className="sr-review">
      <summary>
        {t("surveys.results.review.title")} ({reviews.length})
      </summary>
      <p className="field__hint">{t("surveys.results.review.hint")}</p>
      <ul className="sr-texts">
        {reviews.map((r) => (
          <li key={`${r.responseId}:${r.kind}`}>
            <p>{r.text}</p>
            <p className="field__hint">
              {t("surveys.results.review.state", { state: t(`surveys.results.review.${r.decision}`) })}
              {r.decision === "redacted" && r.sharedText ? `: ${r.sharedText}` : ""}
            </p>
            <Form method="post" className="stack">
              <input type="hidden" name="responseId" value={r.responseId} />
              <input type="hidden" name="question" value={r.question} />
              <input type="hidden" name="kind" value={r.kind} />
              <div className="field">
                <label htmlFor={`shared-${r.responseId}-${r.question}-${r.kind}`}>
                  {t("surveys.results.review.sharedText")}
                </label>
                <textarea
                  id={`shared-${r.responseId}-${r.question}-${r.kind}`}
                  name="sharedText"
                  rows={2}
                  maxLength={2000}
                  defaultValue={r.sharedText ?? r.text}
                />
              </div>
              <div className="actions">
                <button type="submit" className="button" name="decision" value="approved">
                  {t("surveys.results.review.approved")}
                </button>
                <button type="submit" className="button" name="decision" value="redacted">
                  {t("surveys.results.review.redacted")}
                </button>
                <button type="submit" className="button button--secondary" name="decision" value="hidden">
                  {t("surveys.results.review.hidden")}
                </button>
              </div>
            </Form>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** A matrix cell as the page shows it: percent and count, 非表示 when suppressed, — without a base. */
function cellText(c: CountCell, t: ReturnType<typeof useT>): string {
  if (c.percent !== null) return `${c.percent}% (${c.count})`;
  return c.suppressed ? t("surveys.results.suppressedCell") : "—";
}

/**
 * Rows (each with its base) by columns: a matrix question's rows, or the groups of one cross
 * tabulation; `cells` are each row's own cells after its base.
 */
function RowsTable({
  heading,
  columns,
  rows,
  t,
}: {
  heading: string;
  columns: { value: string; label: string }[];
  rows: { value: string; label: string; base?: number | null; cells: React.ReactNode }[];
  t: ReturnType<typeof useT>;
}) {
  return (
    <TableWrap label={t("surveys.table")}>
      <table>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            <th scope="col">{t("surveys.results.rowBase")}</th>
            {columns.map((c) => (
              <th scope="col" key={c.value}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.value}>
              <th scope="row">{r.label}</th>
              <td className="num">{r.base ?? t("surveys.results.suppressedCell")}</td>
              {r.cells}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function Cells({ cells, t }: { cells: CountCell[]; t: ReturnType<typeof useT> }) {
  return (
    <>
      {cells.map((c) => (
        <tr key={c.value}>
          <th scope="row">{c.label}</th>
          <td className="num">{c.suppressed ? t("surveys.results.suppressedCell") : c.count}</td>
          <td className="num">{c.percent === null ? "—" : `${c.percent}%`}</td>
        </tr>
      ))}
    </>
  );
}

/** A long list (Q3's 48 prefectures) shows only the choices someone picked. */
const visibleChoices = (q: QuestionResult) =>
  q.choices.length > 15 ? q.choices.filter((c) => c.count !== 0) : q.choices;

function QuestionBlock({
  q,
  chart,
  reviews,
  t,
}: {
  q: QuestionResult;
  chart: string | null;
  reviews: ReviewedText[];
  t: ReturnType<typeof useT>;
}) {
  return (
    <section className="page sr-q" aria-labelledby={`r-${q.name}`} id={`result-${q.name}`}>
      <h2 id={`r-${q.name}`}>{q.title}</h2>
      <p className="sr-base" data-base={q.base ?? ""}>
        {q.base ? t("surveys.results.base", { base: q.base }) : t("surveys.results.noBase")}
      </p>
      {chart && <img className="sr-chart" src={chart} alt={t("surveys.results.chartAlt", { title: q.title })} />}
      {q.base !== 0 && q.choices.length > 0 && (
        <TableWrap label={t("surveys.table")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("surveys.results.choice")}</th>
                <th scope="col">{t("surveys.results.count")}</th>
                <th scope="col">{t("surveys.results.percent")}</th>
              </tr>
            </thead>
            <tbody>
              <Cells cells={visibleChoices(q)} t={t} />
              {q.combined.length > 0 && <Cells cells={q.combined} t={t} />}
            </tbody>
          </table>
        </TableWrap>
      )}
      {q.base !== 0 && q.rows.length > 0 && (
        // A matrix or ranking: a column per answer. An items question (matrixdropdown, dynamic
        // rows, multipletext): each item's answers in one cell, as items have columns of their own.
        <RowsTable
          heading={t("surveys.results.row")}
          columns={
            q.kind === "items"
              ? [{ value: "#answers", label: t("surveys.results.choice") }]
              : [...q.rows[0]!.columns, ...q.rows[0]!.combined]
          }
          rows={q.rows.map((r) => ({
            ...r,
            cells:
              q.kind === "items" ? (
                <td>{r.columns.map((c) => `${c.label}: ${cellText(c, t)}`).join("、")}</td>
              ) : (
                [...r.columns, ...r.combined].map((c) => (
                  <td className="num" key={c.value}>
                    {cellText(c, t)}
                  </td>
                ))
              ),
          }))}
          t={t}
        />
      )}
      {q.other.length > 0 && (
        <>
          <h3>{t("surveys.results.otherAnswers")}</h3>
          <ul className="sr-texts">
            {q.other.map((text, i) => (
              <li key={i}>{text}</li>
            ))}
          </ul>
        </>
      )}
      {q.texts.length > 0 && (
        <ul className="sr-texts">
          {q.texts.map((text, i) => (
            <li key={i}>{text}</li>
          ))}
        </ul>
      )}
      <TextReviews reviews={reviews} t={t} />
    </section>
  );
}

export default function SurveyResults({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { results, charts, selected } = loaderData;
  const notice = actionData && "notice" in actionData ? String(actionData.notice) : "";
  const failure = failureOf(actionData);
  return (
    <div className="stack">
      <p>
        <Link to={`/surveys/${results.id}`}>← {results.title}</Link>
      </p>
      <h1>{t("surveys.results.title")}</h1>
      <p className="lead">
        {results.excluded
          ? t("surveys.results.responsesExcluded", { count: results.responses, excluded: results.excluded })
          : t("surveys.results.responses", { count: results.responses })}
      </p>
      {notice && (
        <Notice tone="success">
          <p>{notice}</p>
        </Notice>
      )}
      <FormError failure={failure} />
      <form method="get" className="page sr-cross" aria-labelledby="cross-title">
        <h2 id="cross-title">{t("surveys.results.crossTitle")}</h2>
        <div className="field">
          <label htmlFor="cross-question">{t("surveys.results.crossQuestion")}</label>
          <select id="cross-question" name="question" defaultValue={selected.question}>
            {loaderData.questionOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="cross-by">{t("surveys.results.crossBy")}</label>
          <select id="cross-by" name="by" defaultValue={selected.by}>
            <option value="">{t("surveys.results.crossNone")}</option>
            {loaderData.byOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox">
          <input type="checkbox" name="shared" value="1" defaultChecked={selected.shared} />{" "}
          {t("surveys.results.sharedView")}
        </label>
        <div className="actions">
          <button type="submit" className="button">
            {t("surveys.results.crossSubmit")}
          </button>
        </div>
        <p className="field__hint">{t("surveys.results.suppressionNote")}</p>
      </form>
      {results.crossTabs.map((x) => {
        const header = x.groups[0]?.result;
        const cellsOf = (q: QuestionResult) =>
          q.rows.length
            ? q.rows.flatMap((r) =>
                r.columns.map((c) => ({ ...c, value: `${r.value}:${c.value}`, label: `${r.label} / ${c.label}` })),
              )
            : q.choices;
        return (
          <section key={x.question} className="page sr-cross-table" aria-labelledby={`x-${x.question}`}>
            <h2 id={`x-${x.question}`}>{t("surveys.results.crossHeading", { question: x.question, by: x.byTitle })}</h2>
            <RowsTable
              heading={x.by}
              columns={header ? cellsOf(header) : []}
              rows={x.groups.map((g) => ({
                value: g.value,
                label: g.label,
                base: g.base,
                cells: cellsOf(g.result).map((c) => (
                  <td className="num" key={c.value}>
                    {c.suppressed
                      ? t("surveys.results.suppressedCell")
                      : c.percent === null
                        ? (c.count ?? "—")
                        : `${c.percent}% (${c.count})`}
                  </td>
                )),
              }))}
              t={t}
            />
          </section>
        );
      })}
      {results.questions.map((q) => (
        <QuestionBlock
          key={q.name}
          q={q}
          chart={charts[q.name] ?? null}
          reviews={results.textReviews.filter((r) => r.question === q.name)}
          t={t}
        />
      ))}
    </div>
  );
}
