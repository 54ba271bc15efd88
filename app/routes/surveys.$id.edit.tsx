import { Link } from "react-router";
import type { Route } from "./+types/surveys.$id.edit";
import { surveysDepsFrom } from "#core/surveys/deps.ts";
import { conditionOperators, editSurveyQuestion, type EditQuestionInput } from "#core/surveys/edit-survey-question.ts";
import { listQuestions, questionTypes } from "#core/surveys/definition.ts";
import { type EditorView, editorViews, type ExtraField, extraFields } from "#core/surveys/editor-fields.ts";
import { findSurvey } from "#core/surveys/find-survey.ts";
import { Field, failureOf, Form, FormError, Notice, SelectField, SubmitButton } from "../components/form.tsx";
import type { FormFailure } from "../lib/http.server.ts";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { orRespond, requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { isMessageKey } from "#i18n/index.ts";

export const meta: Route.MetaFunction = () => [{ title: "設問の編集 · Chiiki" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  requireSecretariatPage(state, request);
  return orRespond(state, request, async () => {
    const survey = await findSurvey(state.services.database.db, params.id);
    const questions = editorViews(survey.definition);
    const info = listQuestions(survey.definition, state.locale);
    return {
      id: survey.id,
      title: survey.title,
      status: survey.status,
      questions,
      conditionSources: info
        .filter((q) => q.kind === "single" || q.kind === "multiple" || q.type === "matrix")
        .map((q) => ({
          name: q.name,
          label: q.title,
          rows: q.rows.map((r) => ({ value: r.value, label: r.label })),
          choices: (q.type === "matrix" ? q.columns : q.choices).map((c) => `${c.value}（${c.label}）`).join("、"),
        })),
    };
  });
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const form = await request.formData();
  // Only the boxes the form drew are read (an unticked one is false; one not drawn keeps its value).
  const drawn = String(form.get("toggles") ?? "required hasOther").split(" ");
  const checkboxes = ["required", "hasOther"].filter((name) => drawn.includes(name));
  const input = formInput(form, { checkboxes, omit: ["toggles"] });
  return runForm(state, form, async () => {
    await editSurveyQuestion(surveysDepsFrom(state.services), actor, params.id, input as unknown as EditQuestionInput);
    return { ok: true as const, notice: state.t("surveys.editor.saved") };
  });
}

type Sources = Awaited<ReturnType<typeof loader>>["conditionSources"];

/** The textareas of choice lists; the rest are one-line fields. */
const LINE_FIELDS: ExtraField[] = ["choices", "rows", "columns", "items"];

function QuestionFields({
  q,
  failure,
  sources,
  t,
}: {
  q?: EditorView;
  failure?: FormFailure;
  sources: Sources;
  t: ReturnType<typeof useT>;
}) {
  const v = (name: string, shown: string | undefined) => String(failure?.values[name] ?? shown ?? "");
  const id = q?.name ?? "new";
  // A new question may be of any type the editor makes: every field, each saying which types use it.
  const fields = q ? q.fields : extraFields;
  const toggles = q ? q.toggles : (["required", "hasOther"] as const);
  const types =
    q && !(questionTypes as readonly string[]).includes(q.type) ? [q.type, ...questionTypes] : questionTypes;
  return (
    <>
      <input type="hidden" name="toggles" value={toggles.join(" ")} />
      <Field
        name="name"
        label={t("surveys.editor.name")}
        hint={t("surveys.editor.nameHint")}
        defaultValue={v("name", q?.name)}
        failure={failure}
        required
      />
      <SelectField
        name="type"
        label={t("surveys.editor.type")}
        defaultValue={v("type", q?.type) || "radiogroup"}
        failure={failure}
        options={types.map((type) => {
          const key = `surveys.editor.type.${type}`;
          return { value: type, label: isMessageKey(key) ? t(key) : type };
        })}
      />
      <Field
        name="titleJa"
        label={t("surveys.editor.titleJa")}
        defaultValue={v("titleJa", q?.titleJa)}
        failure={failure}
        required={!q || !["html", "expression", "panel", "image"].includes(q.type)}
      />
      <Field
        name="titleEn"
        label={t("surveys.editor.titleEn")}
        defaultValue={v("titleEn", q?.titleEn)}
        failure={failure}
      />
      {toggles.includes("required") && (
        <label className="checkbox">
          <input type="checkbox" name="required" defaultChecked={q?.required ?? true} /> {t("surveys.editor.required")}
        </label>
      )}
      {toggles.includes("hasOther") && (
        <label className="checkbox">
          <input type="checkbox" name="hasOther" defaultChecked={q?.hasOther ?? false} /> {t("surveys.editor.hasOther")}
        </label>
      )}
      {fields.map((field) =>
        LINE_FIELDS.includes(field) || field === "html" ? (
          <div className="field" key={field}>
            <label htmlFor={`${id}-${field}`}>{t(`surveys.editor.${field}`)}</label>
            <p className="field__hint">
              {t(
                field === "html"
                  ? "surveys.editor.htmlHint"
                  : field === "items"
                    ? "surveys.editor.itemsHint"
                    : "surveys.editor.linesHint",
              )}
            </p>
            <textarea
              id={`${id}-${field}`}
              name={field}
              rows={field === "choices" || field === "html" ? 5 : 3}
              defaultValue={v(field, q?.values[field])}
            />
            {failure?.fields[field] && <p className="field__error">{failure.fields[field]}</p>}
          </div>
        ) : (
          <Field
            key={field}
            name={field}
            label={t(`surveys.editor.${field}`)}
            inputMode={field.startsWith("rate") ? "decimal" : undefined}
            defaultValue={v(field, q?.values[field])}
            failure={failure}
          />
        ),
      )}
      {q && q.kept.length > 0 && (
        <p className="field__hint sv-editor-kept">{t("surveys.editor.kept", { keys: q.kept.join(", ") })}</p>
      )}
      <Field
        name="page"
        type="number"
        min={1}
        label={t("surveys.editor.page")}
        defaultValue={v("page", q ? String(q.page) : "1")}
        failure={failure}
      />
      <fieldset className="sv-editor-condition">
        <legend>{t("surveys.editor.condition")}</legend>
        <SelectField
          name="conditionQuestion"
          label={t("surveys.editor.conditionQuestion")}
          defaultValue=""
          failure={failure}
          options={[
            { value: "", label: t("surveys.editor.always") },
            ...sources.filter((s) => s.name !== q?.name).map((s) => ({ value: s.name, label: s.label })),
          ]}
        />
        <Field
          name="conditionRow"
          label={t("surveys.editor.conditionRow")}
          hint={t("surveys.editor.conditionRowHint")}
          failure={failure}
        />
        <SelectField
          name="conditionOperator"
          label={t("surveys.editor.conditionOperator")}
          defaultValue="equals"
          failure={failure}
          options={conditionOperators.map((op) => ({ value: op, label: t(`surveys.editor.op.${op}`) }))}
        />
        <Field
          name="conditionValues"
          label={t("surveys.editor.conditionValues")}
          hint={t("surveys.editor.conditionValuesHint")}
          failure={failure}
        />
        <Field
          name="expression"
          label={t("surveys.editor.expression")}
          hint={t("surveys.editor.expressionHint")}
          defaultValue={v("expression", q?.expression)}
          failure={failure}
        />
      </fieldset>
    </>
  );
}

/** A one-button form that posts `intent` about question `name` (move it up or down, remove it). */
function QuestionAction({
  intent,
  name,
  direction,
  label,
  danger = false,
  children,
}: {
  intent: "move" | "remove";
  name: string;
  direction?: "up" | "down";
  label: string;
  danger?: boolean;
  children: React.ReactNode;
}) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="name" value={name} />
      {direction && <input type="hidden" name="direction" value={direction} />}
      <button
        className={danger ? "button button--danger" : "button button--secondary"}
        type="submit"
        aria-label={label}
      >
        {children}
      </button>
    </Form>
  );
}

export default function EditSurvey({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const failure = failureOf(actionData);
  const notice = actionData && "notice" in actionData ? String(actionData.notice) : "";
  const { questions, conditionSources } = loaderData;
  return (
    <div className="stack">
      <p>
        <Link to={`/surveys/${loaderData.id}`}>← {loaderData.title}</Link>
      </p>
      <h1>{t("surveys.editor.title")}</h1>
      <p className="lead">{t("surveys.editor.lead")}</p>
      <p>
        <Link reloadDocument to={`/s/${loaderData.id}?preview=1`}>
          {t("surveys.editor.preview")}
        </Link>
      </p>
      {notice && (
        <Notice tone="success">
          <p>{notice}</p>
        </Notice>
      )}
      <FormError failure={failure} />
      <details className="sv-editor-cheatsheet">
        <summary>{t("surveys.editor.codes")}</summary>
        <ul>
          {conditionSources.map((s) => (
            <li key={s.name}>
              <strong>{s.name}</strong>: {s.choices}
              {s.rows.length > 0 && ` — ${t("surveys.editor.rows")}: ${s.rows.map((r) => r.value).join("、")}`}
            </li>
          ))}
        </ul>
      </details>
      {questions.map((q, index) => (
        <section key={q.name} className="sv-editor-q" aria-label={q.name}>
          <details>
            <summary>
              {q.panel && <span className="sv-panel">{q.panel} › </span>}
              {t("surveys.editor.summary", { page: q.page, name: q.name, title: q.titleJa })}
            </summary>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="update" />
              <input type="hidden" name="original" value={q.name} />
              <QuestionFields q={q} sources={conditionSources} t={t} />
              <div className="actions">
                <SubmitButton>{t("common.save")}</SubmitButton>
              </div>
            </Form>
          </details>
          <div className="inline-actions">
            {index > 0 && (
              <QuestionAction
                intent="move"
                name={q.name}
                direction="up"
                label={t("surveys.editor.moveUpLabel", { name: q.name })}
              >
                {t("surveys.editor.moveUp")}
              </QuestionAction>
            )}
            {index < questions.length - 1 && (
              <QuestionAction
                intent="move"
                name={q.name}
                direction="down"
                label={t("surveys.editor.moveDownLabel", { name: q.name })}
              >
                {t("surveys.editor.moveDown")}
              </QuestionAction>
            )}
            <QuestionAction
              intent="remove"
              name={q.name}
              label={t("surveys.editor.removeLabel", { name: q.name })}
              danger
            >
              {t("surveys.editor.remove")}
            </QuestionAction>
          </div>
        </section>
      ))}
      <section className="page" aria-labelledby="add-question">
        <h2 id="add-question">{t("surveys.editor.add")}</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="add" />
          <QuestionFields
            failure={failure?.values.intent === "add" ? failure : undefined}
            sources={conditionSources}
            t={t}
          />
          <div className="actions">
            <SubmitButton>{t("surveys.editor.addSubmit")}</SubmitButton>
          </div>
        </Form>
      </section>
    </div>
  );
}
