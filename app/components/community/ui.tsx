/** Building blocks of the registry's pages: sub-navigation, repeated-row fieldsets, text areas. */
import { useId } from "react";
import { Form, NavLink } from "react-router";
import { prefectures, sectors } from "#core/community/codes.ts";
import type { FormOptions } from "#core/community/list-form-options.ts";
import type { MessageKey, Translate } from "#i18n/index.ts";
import { SelectField } from "../form.tsx";
import { TableWrap } from "../table-wrap.tsx";
import type { FormFailure } from "../../lib/http.server.ts";
import { useT } from "../../lib/i18n.ts";

/** How many rows a registry list shows per page. */
export const REGISTRY_PAGE_SIZE = 50;

/** `meetings`: the actor runs some group's meetings (a group lead), so their tabs are offered too. */
export function CommunityTabs({ secretariat, meetings = false }: { secretariat: boolean; meetings?: boolean }) {
  const t = useT();
  const links: [string, MessageKey][] = secretariat
    ? [
        ["/community", "community.dashboard"],
        ["/community/organisations", "community.organisations"],
        ["/community/people", "community.people"],
        ["/community/agreements", "community.agreements"],
        ["/community/groups", "community.groups"],
        ["/community/meetings", "community.meetings"],
        ["/community/decisions", "community.decisions"],
        ["/community/activities", "community.activities"],
        ["/community/import", "community.import"],
      ]
    : [
        ["/community/organisations", "community.organisations"],
        ["/community/people", "community.people"],
        ["/community/groups", "community.groups"],
        ...(meetings
          ? ([
              ["/community/meetings", "community.meetings"],
              ["/community/decisions", "community.decisions"],
            ] as [string, MessageKey][])
          : []),
      ];
  return (
    <nav className="community-tabs" aria-label={t("community.title")}>
      <ul>
        {links.map(([to, key]) => (
          <li key={to}>
            <NavLink to={to} end={to === "/community"}>
              {t(key)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function codeOptions(t: Translate, vocabulary: string, codes: readonly string[], empty?: MessageKey) {
  return [
    ...(empty ? [{ value: "", label: t(empty) }] : []),
    ...codes.map((code) => ({ value: code, label: t(`community.${vocabulary}.${code}` as MessageKey) })),
  ];
}

/**
 * A choice of one vocabulary's codes (`community.<vocabulary>.<code>`), labelled
 * `community.field.<field>` (the field's name unless told), with the `empty` choice first if given.
 */
export function CodeSelect({
  name,
  field = name,
  vocabulary,
  codes,
  empty,
  ...select
}: {
  name: string;
  field?: string;
  vocabulary: string;
  codes: readonly string[];
  empty?: MessageKey;
  defaultValue?: string;
  failure?: FormFailure;
  required?: boolean;
}) {
  const t = useT();
  return (
    <SelectField
      name={name}
      label={t(`community.field.${field}` as MessageKey)}
      options={codeOptions(t, vocabulary, codes, empty)}
      {...select}
    />
  );
}

export function label(t: Translate, vocabulary: string, code: string | null | undefined): string {
  return code ? t(`community.${vocabulary}.${code}` as MessageKey) : "";
}

export function CheckboxField({
  name,
  label: text,
  defaultChecked,
}: {
  name: string;
  label: string;
  defaultChecked?: boolean;
}) {
  const id = useId();
  return (
    <div className="field field--checkbox">
      <input id={id} type="checkbox" name={name} defaultChecked={defaultChecked} />
      <label htmlFor={id}>{text}</label>
    </div>
  );
}

export interface RowColumn {
  name: string;
  label: string;
  type?: "text" | "date" | "datetime-local" | "select";
  options?: { value: string; label: string }[];
  list?: string;
}

/**
 * A list edited without JavaScript: the existing rows, then `spare` blank rows. Each row is a
 * fieldset whose inputs are named `<list>.<index>.<column>`; blank rows are ignored on save.
 */
export function RowsFieldset({
  list,
  legend,
  columns,
  rows,
  spare = 3,
  failure,
  hint,
}: {
  list: string;
  legend: string;
  columns: RowColumn[];
  rows: Record<string, string | null | undefined>[];
  spare?: number;
  failure?: FormFailure;
  hint?: string;
}) {
  const t = useT();
  const id = useId();
  const all: Record<string, string | null | undefined>[] = [...rows, ...Array.from({ length: spare }, () => ({}))];
  const error = Object.entries(failure?.fields ?? {}).find(
    ([field]) => field === list || field.startsWith(`${list}.`),
  )?.[1];
  return (
    <fieldset
      className={`community-rows${error ? " field--invalid" : ""}`}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      {hint && <p className="field__hint">{hint}</p>}
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
      {all.map((row, index) => (
        <div className="community-row" key={index}>
          {columns.map((column) => {
            const name = `${list}.${index}.${column.name}`;
            const inputId = `${id}-${index}-${column.name}`;
            const value = failure?.values[name] ?? row[column.name] ?? "";
            return (
              <div className="field" key={column.name}>
                <label htmlFor={inputId}>
                  {column.label}
                  <span className="visually-hidden"> {index + 1}</span>
                </label>
                {column.type === "select" ? (
                  <select id={inputId} name={name} defaultValue={value}>
                    <option value="">{t("community.chooseOne")}</option>
                    {column.options!.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    id={inputId}
                    name={name}
                    type={column.type ?? "text"}
                    defaultValue={value}
                    list={column.list}
                  />
                )}
              </div>
            );
          })}
        </div>
      ))}
      <p className="field__hint">{t("community.moreRowsHint")}</p>
    </fieldset>
  );
}

/**
 * A meeting's or an activity's attendees: each row an organisation, a person and/or a label. A
 * form that offers no people (a group lead's) keeps the rows recorded by person as they are, in
 * hidden fields, instead of dropping them on save.
 */
export function AttendeesFieldset({
  attendees,
  options,
  failure,
  spare,
}: {
  attendees: { organisationId: string | null; personId: string | null; label: string | null }[];
  options: Pick<FormOptions, "organisations" | "people">;
  failure?: FormFailure;
  spare: number;
}) {
  const t = useT();
  const people = options.people.map((p) => ({
    value: p.id,
    label: p.organisationName ? `${p.name}（${p.organisationName}）` : p.name,
  }));
  return (
    <>
      <RowsFieldset
        list="attendees"
        legend={t("community.field.attendees")}
        failure={failure}
        spare={spare}
        rows={attendees.map((a) => ({ organisationId: a.organisationId, personId: a.personId, label: a.label }))}
        columns={[
          {
            name: "organisationId",
            label: t("community.field.organisation"),
            type: "select",
            options: options.organisations.map((o) => ({ value: o.id, label: o.name })),
          },
          ...(people.length > 0
            ? [{ name: "personId", label: t("community.field.person"), type: "select" as const, options: people }]
            : []),
          { name: "label", label: t("community.field.attendeeLabel") },
        ]}
      />
      {people.length === 0 &&
        attendees.map(
          (a, i) => a.personId && <input key={i} type="hidden" name={`attendees.${i}.personId`} value={a.personId} />,
        )}
    </>
  );
}

/** Deleting needs a ticked confirmation, so one stray tap does not remove a record. */
export function DeleteForm({ failure }: { failure?: FormFailure }) {
  const t = useT();
  return (
    <Form method="post" className="community-delete">
      <input type="hidden" name="intent" value="delete" />
      <p className="field__hint">{t("community.deleteConfirm")}</p>
      <CheckboxField name="confirm" label={t("community.deleteConfirmLabel")} />
      {failure?.fields.confirm && <p className="field__error">{failure.fields.confirm}</p>}
      <div className="actions">
        <button type="submit" className="button button--danger">
          {t("community.delete")}
        </button>
      </div>
    </Form>
  );
}

export function SearchFilters({ children, q }: { children?: React.ReactNode; q: string }) {
  const t = useT();
  const id = useId();
  return (
    <Form method="get" className="filters community-filters" role="search">
      <div className="field">
        <label htmlFor={id}>{t("community.search")}</label>
        <p id={`${id}-hint`} className="field__hint">
          {t("community.searchHint")}
        </p>
        <input id={id} name="q" type="search" defaultValue={q} aria-describedby={`${id}-hint`} />
      </div>
      {children}
      <div className="field">
        <button type="submit" className="button button--secondary">
          {t("common.search")}
        </button>
      </div>
    </Form>
  );
}

/**
 * The filter box of the organisation and people lists: search, then the groups the caller may
 * read, sector and prefecture, then the page's own `children`. Open while any filter is set
 * (`own`: the names of the page's own filters that count).
 */
export function RegionFilters({
  params,
  groups,
  own,
  children,
}: {
  params: Record<string, string>;
  groups: { value: string; label: string }[];
  own: string[];
  children?: React.ReactNode;
}) {
  const t = useT();
  const open = ["q", "groupId", "sector", "prefecture", ...own].some((name) => Boolean(params[name]));
  return (
    <details className="filter-box" open={open}>
      <summary>{t("common.filter")}</summary>
      <SearchFilters q={params.q ?? ""}>
        {groups.length > 0 && (
          <SelectField
            name="groupId"
            label={t("community.field.group")}
            defaultValue={params.groupId ?? ""}
            options={[{ value: "", label: t("community.any") }, ...groups]}
          />
        )}
        <CodeSelect
          name="sector"
          vocabulary="sector"
          codes={sectors}
          empty="community.any"
          defaultValue={params.sector ?? ""}
        />
        <CodeSelect
          name="prefecture"
          vocabulary="prefecture"
          codes={prefectures}
          empty="community.any"
          defaultValue={params.prefecture ?? ""}
        />
        {children}
      </SearchFilters>
    </details>
  );
}

/** A list page's table: a heading per column, then `row`'s cells for each record; 「該当なし」 when there is none. */
export function RecordTable<T extends { id: string }>({
  label: caption,
  headings,
  items,
  row,
}: {
  label: string;
  headings: string[];
  items: T[];
  row: (item: T) => React.ReactNode;
}) {
  const t = useT();
  if (items.length === 0) return <p>{t("community.noResults")}</p>;
  return (
    <TableWrap label={caption}>
      <table className="data-table">
        <thead>
          <tr>
            {headings.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>{row(item)}</tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function Dl({ items }: { items: [string, React.ReactNode][] }) {
  const shown = items.filter(([, v]) => v !== null && v !== undefined && v !== "");
  return (
    <dl className="community-dl">
      {shown.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
