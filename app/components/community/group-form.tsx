import { groupKinds, officerRoles } from "#core/community/codes.ts";
import type { GroupRecord } from "#core/community/group-record.ts";
import type { FormOptions } from "#core/community/list-form-options.ts";
import { Field, Form, FormError, SelectField, SubmitButton, TextArea } from "../form.tsx";
import type { FormFailure } from "../../lib/http.server.ts";
import { useT } from "../../lib/i18n.ts";
import { RowsFieldset, CodeSelect } from "./ui.tsx";

export function GroupForm({
  group,
  options,
  failure,
}: {
  group?: GroupRecord;
  options: FormOptions;
  failure?: FormFailure;
}) {
  const t = useT();
  const g = group;
  const organisations = options.organisations.map((o) => ({ value: o.id, label: o.name }));
  const people = options.people.map((p) => ({
    value: p.id,
    label: p.organisationName ? `${p.name}（${p.organisationName}）` : p.name,
  }));
  return (
    <>
      <FormError failure={failure} />
      <Form method="post" noValidate>
        <CodeSelect
          name="kind"
          vocabulary="groupKind"
          codes={groupKinds}
          empty="community.chooseOne"
          failure={failure}
          required
          defaultValue={g?.kind ?? ""}
        />
        <Field name="name" label={t("community.field.name")} failure={failure} required defaultValue={g?.name} />
        <Field
          name="reading"
          label={t("community.field.reading")}
          hint={t("community.field.readingHint")}
          failure={failure}
          defaultValue={g?.reading}
        />
        <SelectField
          name="hostOrganisationId"
          label={t("community.field.host")}
          failure={failure}
          defaultValue={g?.hostOrganisationId ?? ""}
          options={[{ value: "", label: t("community.none") }, ...organisations]}
        />
        <Field
          name="foundedOn"
          type="date"
          label={t("community.field.foundedOn")}
          failure={failure}
          defaultValue={g?.foundedOn ?? ""}
        />
        <TextArea
          name="description"
          label={t("community.field.description")}
          failure={failure}
          defaultValue={g?.description}
        />
        <datalist id="community-officer-roles">
          {officerRoles.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        <RowsFieldset
          list="officers"
          legend={t("community.field.officers")}
          hint={t("community.field.rolesHint")}
          failure={failure}
          spare={2}
          rows={(g?.officers ?? []).map((o) => ({
            role: o.role,
            personId: o.personId,
            organisationId: o.organisationId,
            termStart: o.termStart,
            termEnd: o.termEnd,
          }))}
          columns={[
            { name: "role", label: t("community.field.role"), list: "community-officer-roles" },
            { name: "personId", label: t("community.field.officerPerson"), type: "select", options: people },
            {
              name: "organisationId",
              label: t("community.field.officerOrganisation"),
              type: "select",
              options: organisations,
            },
            { name: "termStart", label: t("community.field.termStart"), type: "date" },
            { name: "termEnd", label: t("community.field.termEnd"), type: "date" },
          ]}
        />
        <RowsFieldset
          list="members"
          legend={t("community.field.members")}
          failure={failure}
          spare={g ? 3 : 8}
          rows={(g?.members ?? []).map((m) => ({
            organisationId: m.organisationId,
            personId: m.personId,
            joinedOn: m.joinedOn,
          }))}
          columns={[
            {
              name: "organisationId",
              label: t("community.field.organisation"),
              type: "select",
              options: organisations,
            },
            { name: "personId", label: t("community.field.memberPerson"), type: "select", options: people },
            { name: "joinedOn", label: t("community.field.joinedOn"), type: "date" },
          ]}
        />
        <div className="actions">
          <SubmitButton>{t("common.save")}</SubmitButton>
        </div>
      </Form>
    </>
  );
}
