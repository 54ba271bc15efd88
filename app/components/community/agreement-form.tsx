import { agreementStatuses } from "#core/community/codes.ts";
import type { AgreementRecord } from "#core/community/agreement-record.ts";
import type { FormOptions } from "#core/community/list-form-options.ts";
import { Field, Form, FormError, SubmitButton, TextArea } from "../form.tsx";
import type { FormFailure } from "../../lib/http.server.ts";
import { useT } from "../../lib/i18n.ts";
import { RowsFieldset, CodeSelect } from "./ui.tsx";

export function AgreementForm({
  agreement,
  options,
  failure,
}: {
  agreement?: AgreementRecord;
  options: FormOptions;
  failure?: FormFailure;
}) {
  const t = useT();
  const a = agreement;
  return (
    <>
      <FormError failure={failure} />
      <Form method="post" noValidate>
        <Field
          name="title"
          label={t("community.field.agreementTitle")}
          failure={failure}
          required
          defaultValue={a?.title}
        />
        <TextArea name="purpose" label={t("community.field.purpose")} failure={failure} defaultValue={a?.purpose} />
        <Field
          name="signedOn"
          type="date"
          label={t("community.field.signedOn")}
          failure={failure}
          defaultValue={a?.signedOn ?? ""}
        />
        <CodeSelect
          name="status"
          vocabulary="agreementStatus"
          codes={agreementStatuses}
          failure={failure}
          defaultValue={a?.status ?? "in-force"}
        />
        <Field
          name="endedOn"
          type="date"
          label={t("community.field.endedOn")}
          failure={failure}
          defaultValue={a?.endedOn ?? ""}
        />
        <RowsFieldset
          list="parties"
          legend={t("community.field.parties")}
          failure={failure}
          spare={a ? 3 : 5}
          rows={(a?.parties ?? []).map((p) => ({ organisationId: p.organisationId, signatoryTitle: p.signatoryTitle }))}
          columns={[
            {
              name: "organisationId",
              label: t("community.field.organisation"),
              type: "select",
              options: options.organisations.map((o) => ({ value: o.id, label: o.name })),
            },
            { name: "signatoryTitle", label: t("community.field.signatoryTitle") },
          ]}
        />
        <TextArea name="notes" label={t("community.field.notes")} failure={failure} defaultValue={a?.notes} />
        <div className="actions">
          <SubmitButton>{t("common.save")}</SubmitButton>
        </div>
      </Form>
    </>
  );
}
