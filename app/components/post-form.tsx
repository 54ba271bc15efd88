import { tlpLevels } from "#core/sharing/decide-access.ts";
import { postKinds, severities, type PostView } from "#core/sharing/posts.ts";
import type { FormFailure } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { Field, Form, FormError, MultiSelect, SelectField, SubmitButton, TextArea } from "./form.tsx";

export interface PostFormChoices {
  organisations: { value: string; label: string }[];
  people: { value: string; label: string }[];
}

/** The post editor: content first, then the marking and who it is for. */
export function PostForm({
  post,
  choices,
  failure,
  submitLabel,
}: {
  post?: PostView;
  choices: PostFormChoices;
  failure: FormFailure | undefined;
  submitLabel: string;
}) {
  const t = useT();
  return (
    <Form method="post" noValidate>
      <FormError failure={failure} />
      <Field
        name="title"
        label={t("sharing.post.title")}
        failure={failure}
        required
        defaultValue={post?.title}
        maxLength={200}
      />
      <SelectField
        name="kind"
        label={t("sharing.post.kind")}
        failure={failure}
        defaultValue={post?.kind ?? "advisory"}
        options={postKinds.map((k) => ({ value: k, label: t(`sharing.kind.${k}`) }))}
      />
      <TextArea
        name="summary"
        label={t("sharing.post.summary")}
        hint={t("sharing.post.summaryHint")}
        failure={failure}
        defaultValue={post?.summary}
        rows={3}
      />
      <TextArea
        name="body"
        label={t("sharing.post.body")}
        hint={t("sharing.post.bodyHint")}
        failure={failure}
        defaultValue={post?.body}
        rows={10}
        required
      />
      <Field
        name="sourceOrganisation"
        label={t("sharing.post.sourceOrganisation")}
        failure={failure}
        defaultValue={post?.sourceOrganisation ?? ""}
      />
      <Field
        name="sourceUrl"
        type="url"
        label={t("sharing.post.sourceUrl")}
        failure={failure}
        defaultValue={post?.sourceUrl ?? ""}
        inputMode="url"
      />
      <SelectField
        name="severity"
        label={t("sharing.post.severity")}
        failure={failure}
        defaultValue={post?.severity ?? ""}
        options={[
          { value: "", label: t("common.none") },
          ...severities.map((s) => ({ value: s, label: t(`sharing.severity.${s}`) })),
        ]}
      />
      <TextArea
        name="affectedProducts"
        label={t("sharing.post.affectedProducts")}
        failure={failure}
        defaultValue={post?.affectedProducts ?? ""}
        rows={2}
      />
      <TextArea
        name="whatToDo"
        label={t("sharing.post.whatToDo")}
        failure={failure}
        defaultValue={post?.whatToDo ?? ""}
        rows={4}
      />
      <fieldset className="choices">
        <legend>{t("sharing.post.tlp")}</legend>
        {tlpLevels.map((level) => (
          <label key={level}>
            <input
              type="radio"
              name="tlp"
              value={level}
              defaultChecked={(failure?.values.tlp ?? post?.tlp ?? "CLEAR") === level}
            />{" "}
            TLP:{level} — {t(`sharing.tlp.${level}`)}
          </label>
        ))}
        {failure?.fields.tlp && <p className="field__error">{failure.fields.tlp}</p>}
      </fieldset>
      <MultiSelect
        name="audienceOrganisations"
        errorKey="audience.organisations"
        label={t("sharing.post.audienceOrganisations")}
        hint={t("sharing.post.audienceOrganisationsHint")}
        options={choices.organisations}
        selected={post?.audience.organisations ?? []}
        failure={failure}
      />
      <MultiSelect
        name="audiencePeople"
        errorKey="audience.people"
        label={t("sharing.post.audiencePeople")}
        hint={t("sharing.post.audiencePeopleHint")}
        options={choices.people}
        selected={post?.audience.people ?? []}
        failure={failure}
      />
      <fieldset className="choices">
        <legend>{t("common.status")}</legend>
        {(["published", "draft"] as const).map((status) => (
          <label key={status}>
            <input
              type="radio"
              name="status"
              value={status}
              defaultChecked={(failure?.values.status ?? post?.status ?? "draft") === status}
            />{" "}
            {t(`sharing.status.${status}`)}
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </Form>
  );
}
