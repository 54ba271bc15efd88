import { Link } from "react-router";
import type { Route } from "./+types/surveys.$id.mapping";
import { computeCanonicalResults } from "#core/surveys/compute-canonical-results.ts";
import { surveysDepsFrom } from "#core/surveys/deps.ts";
import { getSurveyMapping, type BankEntry, type MappedQuestion } from "#core/surveys/get-survey-mapping.ts";
import { setSurveyMapping } from "#core/surveys/set-survey-mapping.ts";
import { type ActionResult, failureOf, Form, FormError, Notice, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { type FormFailure, orRespond, requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.mapping.title ?? ""} · 標準設問との対応づけ · Chiiki` },
];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const deps = surveysDepsFrom(state.services);
  return orRespond(state, request, async () => ({
    mapping: await getSurveyMapping(deps, actor, params.id, { locale: state.locale }),
    results: await computeCanonicalResults(deps, actor, params.id, { locale: state.locale }),
  }));
}

type Row = { value?: string; canonical?: string };
/** The form's rows (`choices.0.value`, `choices.0.canonical`) as the use case's value → code map. */
const toMap = (rows: unknown) =>
  Object.fromEntries(
    (Array.isArray(rows) ? (rows as Row[]) : []).filter((r) => r.value).map((r) => [r.value!, r.canonical || null]),
  );

/** One question's form: save its canonical question and codes, or go back to the automatic mapping. */
export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const input = formInput(form, { omit: ["intent", "previous"] });
    const name = String(input.name ?? "");
    const canonical = String(input.canonical ?? "") || null;
    // A new canonical question has other codes: its choices are matched again by code and label.
    const same = canonical === (String(form.get("previous") ?? "") || null);
    const entry =
      form.get("intent") === "reset"
        ? { name, automatic: true }
        : {
            name,
            canonical,
            ...(same && canonical
              ? { choices: toMap(input.choices), rows: toMap(input.rows), columns: toMap(input.columns) }
              : {}),
          };
    await setSurveyMapping(
      surveysDepsFrom(state.services),
      actor,
      params.id,
      { questions: [entry] },
      { locale: state.locale },
    );
    return {
      ok: true as const,
      question: name,
      notice: state.t(same ? "surveys.mapping.saved" : "surveys.mapping.changedCanonical"),
    };
  });
}

function PartSelects({
  part,
  legend,
  options,
  codes,
  question,
  failure,
}: {
  part: "choices" | "rows" | "columns";
  legend: string;
  options: MappedQuestion["choices"];
  codes: { code: string; label: string }[];
  question: string;
  failure: FormFailure | undefined;
}) {
  const t = useT();
  if (!options.length) return null;
  return (
    <fieldset className="qb-part">
      <legend>{legend}</legend>
      {options.map((o, i) => {
        const id = `qb-${question}-${part}-${i}`;
        const error = failure?.fields[`questions.0.${part}.${o.value}`];
        return (
          <div key={o.value} className={`field${error ? " field--invalid" : ""}`}>
            <input type="hidden" name={`${part}.${i}.value`} value={o.value} />
            <label htmlFor={id}>
              {o.label} <code>{o.value}</code>
            </label>
            <select
              id={id}
              name={`${part}.${i}.canonical`}
              defaultValue={o.canonical ?? ""}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
            >
              <option value="">{t("surveys.mapping.notCounted")}</option>
              {codes.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.label} ({c.code})
                </option>
              ))}
            </select>
            {error && (
              <p id={`${id}-error`} className="field__error">
                {error}
              </p>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

function QuestionForm({
  q,
  bank,
  result,
}: {
  q: MappedQuestion;
  bank: BankEntry[];
  result: (ActionResult & { question?: string; notice?: string }) | undefined;
}) {
  const t = useT();
  const failure = failureOf(result);
  const mine = result && (failure ? failure.values.name === q.name : result.question === q.name);
  const shownFailure = mine ? failure : undefined;
  const canonical = bank.find((b) => b.code === q.canonical);
  const fitting = bank.filter((b) => b.kind === q.kind);
  const selectId = `qb-${q.name}-canonical`;
  const canonicalError = shownFailure?.fields["questions.0.canonical"];
  const source = {
    staff: "surveys.mapping.staff",
    automatic: "surveys.mapping.automatic",
    none: "surveys.mapping.unmapped",
  } as const;
  return (
    <li className="qb-question" id={`q-${q.name}`}>
      <h3>
        {q.title} <code>{q.name}</code>
      </h3>
      <p className="field__hint">
        {t("surveys.mapping.source")}: {t(source[q.source])}
      </p>
      {mine && !failure && result?.notice && (
        <Notice tone="success">
          <p>{result.notice}</p>
        </Notice>
      )}
      {mine && <FormError failure={shownFailure} />}
      <Form method="post" className="stack" preventScrollReset>
        <input type="hidden" name="name" value={q.name} />
        <input type="hidden" name="previous" value={q.canonical ?? ""} />
        <div className={`field${canonicalError ? " field--invalid" : ""}`}>
          <label htmlFor={selectId}>{t("surveys.mapping.canonical")}</label>
          <select
            id={selectId}
            name="canonical"
            defaultValue={q.canonical ?? ""}
            aria-invalid={canonicalError ? true : undefined}
            aria-describedby={canonicalError ? `${selectId}-error` : undefined}
          >
            <option value="">{t("surveys.mapping.none")}</option>
            {fitting.map((b) => (
              <option key={b.code} value={b.code}>
                {b.number} {b.title} ({b.code})
              </option>
            ))}
          </select>
          {canonicalError && (
            <p id={`${selectId}-error`} className="field__error">
              {canonicalError}
            </p>
          )}
        </div>
        {canonical && (
          <>
            <PartSelects
              part="choices"
              legend={t("surveys.mapping.choices")}
              options={q.choices}
              codes={canonical.choices}
              question={q.name}
              failure={shownFailure}
            />
            {canonical.rows === null ? (
              q.rows.length > 0 && <p className="field__hint">{t("surveys.mapping.ownRows")}</p>
            ) : (
              <PartSelects
                part="rows"
                legend={t("surveys.mapping.rows")}
                options={q.rows}
                codes={canonical.rows}
                question={q.name}
                failure={shownFailure}
              />
            )}
            <PartSelects
              part="columns"
              legend={t("surveys.mapping.columns")}
              options={q.columns}
              codes={canonical.columns}
              question={q.name}
              failure={shownFailure}
            />
          </>
        )}
        <div className="inline-actions">
          <SubmitButton name="intent" value="save">
            {t("surveys.mapping.save")}
          </SubmitButton>
          {q.source === "staff" && (
            <SubmitButton name="intent" value="reset" className="button button--secondary">
              {t("surveys.mapping.reset")}
            </SubmitButton>
          )}
        </div>
      </Form>
    </li>
  );
}

export default function SurveyMapping({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { mapping, results } = loaderData;
  const result = actionData as (ActionResult & { question?: string; notice?: string }) | undefined;
  return (
    <section className="page" aria-labelledby="qb-title">
      <p>
        <Link to={`/surveys/${mapping.surveyId}`}>← {mapping.title}</Link>
      </p>
      <h1 id="qb-title">{t("surveys.mapping.title")}</h1>
      <p className="lead">{t("surveys.mapping.lead")}</p>
      <ol className="qb-questions">
        {mapping.questions.map((q) => (
          <QuestionForm key={q.name} q={q} bank={mapping.bank} result={result} />
        ))}
      </ol>
      <h2 id="qb-results">{t("surveys.mapping.results")}</h2>
      <p>{t("surveys.mapping.asked", { count: results.asked.length })}</p>
      {/* A list, not a table: each canonical question reads top to bottom on a phone. */}
      <ul className="qb-results">
        {results.questions.map((q) => (
          <li key={q.code} data-code={q.code}>
            <strong>
              {q.number} {q.title}
            </strong>{" "}
            <code>{q.code}</code>
            <p>
              {!q.asked
                ? t("surveys.mapping.notAsked")
                : [
                    t("surveys.mapping.base", { base: q.base ?? "—" }),
                    ...q.choices.filter((c) => c.count).map((c) => `${c.label} ${c.count}`),
                    ...q.rows.map(
                      (r) =>
                        `${r.label}: ${r.columns
                          .filter((c) => c.count)
                          .map((c) => `${c.label} ${c.count}`)
                          .join("・")}`,
                    ),
                  ].join(" / ")}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
