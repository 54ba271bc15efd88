import { activityKinds } from "#core/community/codes.ts";
import type { ActivityRecord } from "#core/community/activity-record.ts";
import type { FormOptions } from "#core/community/list-form-options.ts";
import { Field, Form, FormError, SelectField, SubmitButton, TextArea } from "../form.tsx";
import type { FormFailure } from "../../lib/http.server.ts";
import { useT } from "../../lib/i18n.ts";
import { AttendeesFieldset, RowsFieldset, CodeSelect } from "./ui.tsx";

export function ActivityForm({
  activity,
  options,
  failure,
}: {
  activity?: ActivityRecord;
  options: FormOptions;
  failure?: FormFailure;
}) {
  const t = useT();
  const a = activity;
  return (
    <>
      <FormError failure={failure} />
      <Form method="post" noValidate>
        <Field
          name="heldOn"
          type="date"
          label={t("community.field.heldOn")}
          failure={failure}
          required
          defaultValue={a?.heldOn ?? ""}
        />
        <CodeSelect
          name="kind"
          vocabulary="activityKind"
          codes={activityKinds}
          empty="community.chooseOne"
          failure={failure}
          required
          defaultValue={a?.kind ?? ""}
        />
        <Field
          name="title"
          label={t("community.field.meetingTitle")}
          failure={failure}
          required
          defaultValue={a?.title}
        />
        <Field
          name="organiser"
          label={t("community.field.organiser")}
          failure={failure}
          defaultValue={a?.organiser ?? ""}
        />
        <SelectField
          name="groupId"
          label={t("community.field.group")}
          failure={failure}
          defaultValue={a?.groupId ?? ""}
          options={[
            { value: "", label: t("community.none") },
            ...options.groups.map((g) => ({ value: g.id, label: g.name })),
          ]}
        />
        <Field name="url" type="url" label={t("community.field.url")} failure={failure} defaultValue={a?.url ?? ""} />
        <TextArea
          name="description"
          label={t("community.field.description")}
          failure={failure}
          defaultValue={a?.description}
        />
        <RowsFieldset
          list="talks"
          legend={t("community.field.talks")}
          failure={failure}
          spare={a ? 2 : 5}
          rows={(a?.talks ?? []).map((x) => ({ title: x.title, speaker: x.speaker, affiliation: x.affiliation }))}
          columns={[
            { name: "title", label: t("community.field.talkTitle") },
            { name: "speaker", label: t("community.field.speaker") },
            { name: "affiliation", label: t("community.field.affiliation") },
          ]}
        />
        <AttendeesFieldset attendees={a?.attendees ?? []} options={options} failure={failure} spare={2} />
        <div className="actions">
          <SubmitButton>{t("common.save")}</SubmitButton>
        </div>
      </Form>
    </>
  );
}
