import { qualificationKinds } from "#core/community/codes.ts";
import type { FormOptions } from "#core/community/list-form-options.ts";
import type { PersonRecord } from "#core/community/person-record.ts";
import { Field, Form, FormError, SelectField, SubmitButton, TextArea } from "../form.tsx";
import type { FormFailure } from "../../lib/http.server.ts";
import { useT } from "../../lib/i18n.ts";
import { CheckboxField, codeOptions, RowsFieldset } from "./ui.tsx";

/** Create and edit a person, with qualifications and training as row lists. */
/** A member contact may only keep people in their own organisation, so "none" is offered to the secretariat only. */
export function PersonForm({
  person,
  options,
  failure,
  organisationId,
  secretariat,
}: {
  person?: PersonRecord;
  options: FormOptions;
  failure?: FormFailure;
  organisationId?: string | null;
  secretariat: boolean;
}) {
  const t = useT();
  const p = person;
  return (
    <>
      <FormError failure={failure} />
      <Form method="post" noValidate>
        <SelectField
          name="organisationId"
          label={t("community.field.organisation")}
          failure={failure}
          defaultValue={p?.organisationId ?? organisationId ?? ""}
          options={[
            ...(secretariat ? [{ value: "", label: t("community.none") }] : []),
            ...options.organisations.map((o) => ({ value: o.id, label: o.name })),
          ]}
        />
        <div className="community-pair">
          <Field
            name="familyName"
            label={t("community.field.familyName")}
            failure={failure}
            required
            defaultValue={p?.familyName}
            autoComplete="family-name"
          />
          <Field
            name="givenName"
            label={t("community.field.givenName")}
            failure={failure}
            defaultValue={p?.givenName}
            autoComplete="given-name"
          />
        </div>
        <div className="community-pair">
          <Field
            name="familyReading"
            label={t("community.field.familyReading")}
            failure={failure}
            defaultValue={p?.familyReading}
          />
          <Field
            name="givenReading"
            label={t("community.field.givenReading")}
            failure={failure}
            defaultValue={p?.givenReading}
          />
        </div>
        <Field
          name="department"
          label={t("community.field.department")}
          failure={failure}
          defaultValue={p?.department ?? ""}
        />
        <Field
          name="title"
          label={t("community.field.title")}
          failure={failure}
          defaultValue={p?.title ?? ""}
          autoComplete="organization-title"
        />
        <Field
          name="email"
          type="email"
          label={t("community.field.email")}
          failure={failure}
          defaultValue={p?.email ?? ""}
          autoComplete="email"
        />
        <Field
          name="phone"
          type="tel"
          label={t("community.field.phone")}
          failure={failure}
          defaultValue={p?.phone ?? ""}
          autoComplete="tel"
        />
        <CheckboxField name="mailOptIn" label={t("community.field.mailOptIn")} defaultChecked={p?.mailOptIn} />
        <RowsFieldset
          list="qualifications"
          legend={t("community.field.qualifications")}
          failure={failure}
          spare={2}
          rows={(p?.qualifications ?? []).map((q) => ({
            kind: q.kind,
            name: q.name,
            registrationNumber: q.registrationNumber,
            acquiredOn: q.acquiredOn,
            renewalDueOn: q.renewalDueOn,
          }))}
          columns={[
            {
              name: "kind",
              label: t("community.field.qualificationKind"),
              type: "select",
              options: codeOptions(t, "qualification", qualificationKinds),
            },
            { name: "name", label: t("community.field.qualificationName") },
            { name: "registrationNumber", label: t("community.field.registrationNumber") },
            { name: "acquiredOn", label: t("community.field.acquiredOn"), type: "date" },
            { name: "renewalDueOn", label: t("community.field.renewalDueOn"), type: "date" },
          ]}
        />
        <RowsFieldset
          list="trainings"
          legend={t("community.field.trainings")}
          failure={failure}
          spare={2}
          rows={(p?.trainings ?? []).map((x) => ({ title: x.title, provider: x.provider, attendedOn: x.attendedOn }))}
          columns={[
            { name: "title", label: t("community.field.trainingTitle") },
            { name: "provider", label: t("community.field.provider") },
            { name: "attendedOn", label: t("community.field.attendedOn"), type: "date" },
          ]}
        />
        <TextArea name="notes" label={t("community.field.notes")} failure={failure} defaultValue={p?.notes} />
        <div className="actions">
          <SubmitButton>{t("common.save")}</SubmitButton>
        </div>
      </Form>
    </>
  );
}
