import { redirect } from "react-router";
import type { Route } from "./+types/surveys.new";
import { surveysDepsFrom } from "#core/surveys/deps.ts";
import { AppError } from "#core/shared/errors.ts";
import { createSurvey, type SurveyTemplate } from "#core/surveys/create-survey.ts";
import { Field, failureOf, Form, FormError, SelectField, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { japanLocalToIso } from "./surveys.forms.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "アンケートの作成 · Chiiki" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  requireSecretariatPage(stateOf(context), request);
  return null;
}

function readJson(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new AppError("validation-failed", { fields: [{ field: "definition", code: "survey-definition" }] });
}

export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const source = String(form.get("source") ?? "regional-standard");
    const file = form.get("file");
    const pasted = String(form.get("definition") ?? "").trim();
    const json = file instanceof File && file.size ? await file.text() : pasted;
    const dates = { opensAt: japanLocalToIso(form.get("opensAt")), closesAt: japanLocalToIso(form.get("closesAt")) };
    const { id } = await createSurvey(surveysDepsFrom(state.services), actor, {
      title: String(form.get("title") ?? ""),
      access: form.get("access") === "invitation" ? "invitation" : "public",
      eventId: String(form.get("eventId") ?? "").trim() || undefined,
      opensAt: dates.opensAt ?? undefined,
      closesAt: dates.closesAt ?? undefined,
      ...(source === "import"
        ? { definition: readJson(json) }
        : source === "scratch"
          ? {}
          : { template: source as SurveyTemplate }),
    });
    throw redirect(source === "scratch" ? `/surveys/${id}/edit` : `/surveys/${id}`);
  });
}

/** The fields of this form; any other field of a failure is a question of the imported JSON. */
const FORM_FIELDS = new Set([
  "title",
  "source",
  "eventId",
  "access",
  "opensAt",
  "closesAt",
  "file",
  "definition",
  "talks",
]);

export default function NewSurvey({ actionData }: Route.ComponentProps) {
  const t = useT();
  const failure = failureOf(actionData);
  const questionIssues = Object.entries(failure?.fields ?? {}).filter(([field]) => !FORM_FIELDS.has(field));
  return (
    <section className="page narrow" aria-labelledby="new-survey-title">
      <h1 id="new-survey-title">{t("surveys.new.title")}</h1>
      <FormError failure={failure} />
      <Form method="post" encType="multipart/form-data" noValidate>
        <Field name="title" label={t("surveys.field.title")} failure={failure} required />
        <SelectField
          name="source"
          label={t("surveys.new.source")}
          failure={failure}
          defaultValue="regional-standard"
          options={[
            { value: "regional-standard", label: t("surveys.new.fromTemplate") },
            { value: "ipa-self-check", label: t("surveys.new.fromSelfCheck") },
            { value: "scratch", label: t("surveys.new.fromScratch") },
            { value: "import", label: t("surveys.new.fromJson") },
          ]}
        />
        <Field
          name="eventId"
          label={t("surveys.field.eventId")}
          hint={t("surveys.field.eventIdHint")}
          failure={failure}
        />
        <SelectField
          name="access"
          label={t("surveys.field.access")}
          failure={failure}
          defaultValue="public"
          options={[
            { value: "public", label: t("surveys.access.public") },
            { value: "invitation", label: t("surveys.access.invitation") },
          ]}
        />
        <Field
          name="opensAt"
          type="datetime-local"
          label={t("surveys.field.opensAt")}
          hint={t("surveys.field.datesHint")}
          failure={failure}
        />
        <Field name="closesAt" type="datetime-local" label={t("surveys.field.closesAt")} failure={failure} />
        <Field
          name="file"
          type="file"
          accept="application/json,.json"
          label={t("surveys.new.jsonFile")}
          hint={t("surveys.new.jsonHint")}
          failure={failure}
        />
        <div className="field">
          <label htmlFor="definition">{t("surveys.new.jsonPaste")}</label>
          <textarea id="definition" name="definition" rows={5} defaultValue={failure?.values.definition ?? ""} />
          {failure?.fields.definition && <p className="field__error">{failure.fields.definition}</p>}
          {questionIssues.length > 0 && (
            // The same issues as the API's `fields`, one per question: what is refused, and why.
            <ul className="field__error" aria-label={t("surveys.new.jsonIssues")}>
              {questionIssues.map(([question, message]) => (
                <li key={question}>{message}</li>
              ))}
            </ul>
          )}
        </div>
        <div className="actions">
          <SubmitButton>{t("surveys.new.submit")}</SubmitButton>
        </div>
      </Form>
    </section>
  );
}
