import { industries, memberships, prefectures, sectors, sizeBands } from "#core/community/codes.ts";
import type { OrganisationRecord } from "#core/community/organisation-record.ts";
import { Field, Form, FormError, SubmitButton, TextArea } from "../form.tsx";
import type { FormFailure } from "../../lib/http.server.ts";
import { useT } from "../../lib/i18n.ts";
import { CodeSelect } from "./ui.tsx";

/** Create and edit an organisation; membership fields only for the secretariat. */
export function OrganisationForm({
  organisation,
  failure,
  secretariat,
}: {
  organisation?: OrganisationRecord;
  failure?: FormFailure;
  secretariat: boolean;
}) {
  const t = useT();
  const o = organisation;
  return (
    <>
      <FormError failure={failure} />
      <Form method="post" noValidate>
        <Field
          name="name"
          label={t("community.field.name")}
          failure={failure}
          required
          defaultValue={o?.name}
          autoComplete="organization"
        />
        <Field
          name="reading"
          label={t("community.field.reading")}
          hint={t("community.field.readingHint")}
          failure={failure}
          defaultValue={o?.reading}
        />
        <CodeSelect
          name="sector"
          vocabulary="sector"
          codes={sectors}
          empty="community.chooseOne"
          failure={failure}
          required
          defaultValue={o?.sector ?? ""}
        />
        <CodeSelect
          name="prefecture"
          vocabulary="prefecture"
          codes={prefectures}
          empty="community.none"
          failure={failure}
          defaultValue={o?.prefecture ?? ""}
        />
        <CodeSelect
          name="industry"
          vocabulary="industry"
          codes={industries}
          empty="community.none"
          failure={failure}
          defaultValue={o?.industry ?? ""}
        />
        <CodeSelect
          name="sizeBand"
          vocabulary="size"
          codes={sizeBands}
          empty="community.none"
          failure={failure}
          defaultValue={o?.sizeBand ?? ""}
        />
        {secretariat && (
          <>
            <CodeSelect
              name="membership"
              vocabulary="membership"
              codes={memberships}
              failure={failure}
              defaultValue={o?.membership ?? "none"}
            />
            <Field
              name="membershipType"
              label={t("community.field.membershipType")}
              failure={failure}
              defaultValue={o?.membershipType ?? ""}
            />
            <Field
              name="memberSince"
              type="date"
              label={t("community.field.memberSince")}
              failure={failure}
              defaultValue={o?.memberSince ?? ""}
            />
          </>
        )}
        <Field
          name="website"
          type="url"
          label={t("community.field.website")}
          failure={failure}
          defaultValue={o?.website ?? ""}
        />
        <Field
          name="corporateNumber"
          label={t("community.organisation.corporateNumber")}
          hint={t("community.organisation.corporateNumberHint")}
          failure={failure}
          inputMode="numeric"
          defaultValue={o?.corporateNumber ?? ""}
        />
        <Field
          name="address"
          label={t("community.field.address")}
          failure={failure}
          defaultValue={o?.address ?? ""}
          autoComplete="street-address"
        />
        <TextArea name="notes" label={t("community.field.notes")} failure={failure} defaultValue={o?.notes} />
        <div className="actions">
          <SubmitButton>{t("common.save")}</SubmitButton>
        </div>
      </Form>
    </>
  );
}
