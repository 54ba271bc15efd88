import { redirect } from "react-router";
import type { Route } from "./+types/mailings.new";
import { sectors } from "#core/community/codes.ts";
import { createMailing } from "#core/mailings/create-mailing.ts";
import { listMailingChoices } from "#core/mailings/list-mailing-choices.ts";
import { audienceKinds } from "#core/mailings/mailing-input.ts";
import { japanDay } from "#i18n/dates.ts";
import {
  Field,
  failureOf,
  Form,
  FormError,
  MultiSelect,
  SelectField,
  SubmitButton,
  TextArea,
} from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { sharedByName } from "../components/shared-by.tsx";
import { sharingDepsFrom } from "#core/sharing/deps.ts";

export const meta: Route.MetaFunction = () => [{ title: "周知メールの作成 · Chiiki" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const state = stateOf(context);
  requireSecretariatPage(state, request);
  return listMailingChoices(sharingDepsFrom(state.services), state.actor);
}

/** Without JavaScript every audience's parameter is on the page; the chosen kind picks which one counts. */
function audienceFromForm(input: Record<string, unknown>) {
  const kind = input.audienceKind;
  switch (kind) {
    case "sector":
      return { kind, sector: input.sector };
    case "group":
      return { kind, groupId: input.groupId };
    case "event-registrants":
    case "event-attendees":
      return { kind, eventId: input.eventId };
    case "survey-non-respondents":
      return { kind, surveyId: input.surveyId };
    case "hand-picked":
      return { kind, personIds: input.personIds };
    default:
      return { kind };
  }
}

export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  requireSecretariatPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const input = formInput(form, { many: ["personIds"] });
    const { id } = await createMailing(sharingDepsFrom(state.services), state.actor, {
      subject: input.subject,
      bodyTemplate: input.bodyTemplate,
      subjectEn: input.subjectEn,
      bodyTemplateEn: input.bodyTemplateEn,
      audience: audienceFromForm(input),
      postId: input.postId,
    });
    throw redirect(`/mailings/${id}`);
  });
}

export default function NewMailing({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const failure = failureOf(actionData);
  const audienceError = failure && Object.entries(failure.fields).find(([k]) => k.startsWith("audience"))?.[1];
  return (
    <section className="page" aria-labelledby="mailing-new-title">
      <h1 id="mailing-new-title">{t("mailings.new")}</h1>
      <Form method="post" noValidate>
        <FormError failure={failure} />
        <Field
          name="subject"
          label={t("mailings.subject")}
          hint={t("mailings.mergeHint")}
          failure={failure}
          required
          maxLength={200}
        />
        <TextArea
          name="bodyTemplate"
          label={t("mailings.body")}
          hint={t("mailings.mergeHint")}
          failure={failure}
          rows={10}
          required
          defaultValue={"{organisation}\n{name} 様\n\n"}
        />
        <fieldset>
          <legend>{t("mailings.english")}</legend>
          <p className="field__hint">{t("mailings.englishHint")}</p>
          <Field
            name="subjectEn"
            label={t("mailings.subjectEn")}
            hint={t("mailings.mergeHint")}
            failure={failure}
            maxLength={200}
            lang="en"
          />
          <TextArea
            name="bodyTemplateEn"
            label={t("mailings.bodyEn")}
            hint={t("mailings.mergeHint")}
            failure={failure}
            rows={8}
          />
        </fieldset>
        <fieldset className="choices">
          <legend>{t("mailings.audience")}</legend>
          {audienceKinds.map((kind) => (
            <label key={kind}>
              <input
                type="radio"
                name="audienceKind"
                value={kind}
                defaultChecked={(failure?.values.audienceKind ?? "all-members") === kind}
              />{" "}
              {t(`mailings.audience.${kind}`)}
            </label>
          ))}
          {audienceError && <p className="field__error">{audienceError}</p>}
        </fieldset>
        <SelectField
          name="sector"
          label={t("mailings.audience.sector")}
          failure={failure}
          options={sectors.map((s) => ({ value: s, label: t(`mailings.sector.${s}`) }))}
        />
        <SelectField
          name="groupId"
          label={t("mailings.audience.group")}
          failure={failure}
          options={[{ value: "", label: "—" }, ...loaderData.groups.map((g) => ({ value: g.id, label: g.name }))]}
        />
        <SelectField
          name="eventId"
          label={t("mailings.event")}
          failure={failure}
          options={[
            { value: "", label: "—" },
            ...loaderData.events.map((e) => ({ value: e.id, label: `${e.title}（${japanDay(e.starts_at)}）` })),
          ]}
        />
        <SelectField
          name="surveyId"
          label={t("mailings.audience.survey-non-respondents")}
          failure={failure}
          options={[{ value: "", label: "—" }, ...loaderData.surveys.map((s) => ({ value: s.id, label: s.title }))]}
        />
        <MultiSelect
          name="personIds"
          errorKey="audience.personIds"
          label={t("mailings.audience.hand-picked")}
          options={loaderData.people}
          selected={[]}
          failure={failure}
        />
        <SelectField
          name="postId"
          label={t("mailings.post")}
          failure={failure}
          options={[
            { value: "", label: t("common.none") },
            ...loaderData.posts.map((p) => ({
              value: p.id,
              label: `[TLP:${p.tlp}] ${p.title}${p.sharedBy ? ` (${t("sharing.shared.by", { community: sharedByName(p.sharedBy, locale) })})` : ""}`,
            })),
          ]}
        />
        <p className="field__hint">{t("mailings.postHint")}</p>
        <div className="actions">
          <SubmitButton>{t("common.save")}</SubmitButton>
        </div>
      </Form>
    </section>
  );
}
