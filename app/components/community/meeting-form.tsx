import { decisionStatuses } from "#core/community/codes.ts";
import type { FormOptions } from "#core/community/list-form-options.ts";
import type { MeetingRecord } from "#core/community/meeting-record.ts";
import { Field, Form, FormError, SelectField, SubmitButton, TextArea } from "../form.tsx";
import type { FormFailure } from "../../lib/http.server.ts";
import { useT } from "../../lib/i18n.ts";
import { japanLocal } from "#i18n/dates.ts";
import { AttendeesFieldset, codeOptions, RowsFieldset } from "./ui.tsx";

/** `options.groupRequired`: a group lead records meetings of the groups they lead only, so 「なし」 is not offered. */
export function MeetingForm({
  meeting,
  options,
  failure,
}: {
  meeting?: MeetingRecord;
  options: FormOptions & { groupRequired?: boolean };
  failure?: FormFailure;
}) {
  const t = useT();
  const m = meeting;
  const organisations = options.organisations.map((o) => ({ value: o.id, label: o.name }));
  return (
    <>
      <FormError failure={failure} />
      <Form method="post" noValidate>
        <Field
          name="title"
          label={t("community.field.meetingTitle")}
          failure={failure}
          required
          defaultValue={m?.title}
        />
        <SelectField
          name="groupId"
          label={t("community.field.group")}
          failure={failure}
          defaultValue={m?.groupId ?? ""}
          required={options.groupRequired}
          options={[
            ...(options.groupRequired ? [] : [{ value: "", label: t("community.none") }]),
            ...options.groups.map((g) => ({ value: g.id, label: g.name })),
          ]}
        />
        <Field
          name="startsAt"
          type="datetime-local"
          label={t("community.field.startsAt")}
          failure={failure}
          required
          defaultValue={japanLocal(m?.startsAt)}
        />
        <Field
          name="endsAt"
          type="datetime-local"
          label={t("community.field.endsAt")}
          failure={failure}
          defaultValue={japanLocal(m?.endsAt)}
        />
        <Field name="place" label={t("community.field.place")} failure={failure} defaultValue={m?.place ?? ""} />
        <Field
          name="onlineTool"
          label={t("community.field.onlineTool")}
          failure={failure}
          defaultValue={m?.onlineTool ?? ""}
        />
        <TextArea name="agenda" label={t("community.field.agenda")} failure={failure} defaultValue={m?.agenda} />
        <AttendeesFieldset attendees={m?.attendees ?? []} options={options} failure={failure} spare={m ? 2 : 5} />
        <RowsFieldset
          list="decisions"
          legend={t("community.field.decisions")}
          failure={failure}
          spare={m ? 2 : 3}
          rows={(m?.decisions ?? []).map((d) => ({
            id: d.id,
            text: d.text,
            ownerOrganisationId: d.ownerOrganisationId,
            ownerLabel: d.ownerLabel,
            dueOn: d.dueOn,
            status: d.status,
          }))}
          columns={[
            { name: "text", label: t("community.field.decisionText") },
            { name: "ownerOrganisationId", label: t("community.field.owner"), type: "select", options: organisations },
            { name: "ownerLabel", label: t("community.field.ownerLabel") },
            { name: "dueOn", label: t("community.field.dueOn"), type: "date" },
            {
              name: "status",
              label: t("community.field.status"),
              type: "select",
              options: codeOptions(t, "decisionStatus", decisionStatuses),
            },
          ]}
        />
        {(m?.decisions ?? []).map((d, i) => (
          <input key={d.id} type="hidden" name={`decisions.${i}.id`} value={d.id} />
        ))}
        <TextArea
          name="minutesMarkdown"
          label={t("community.field.minutes")}
          hint={t("community.field.minutesHint")}
          failure={failure}
          defaultValue={m?.minutesMarkdown}
          rows={10}
        />
        <div className="actions">
          <SubmitButton>{t("common.save")}</SubmitButton>
        </div>
      </Form>
    </>
  );
}
