import { Link } from "react-router";
import { memberships } from "#core/community/codes.ts";
import { listOrganisations } from "#core/community/list-organisations.ts";
import type { Route } from "./+types/community.organisations._index";
import { FormError, SelectField } from "../components/form.tsx";
import { Pager } from "../components/pager.tsx";
import { CommunityTabs, label, RecordTable, RegionFilters, CodeSelect } from "../components/community/ui.tsx";
import { useT } from "../lib/i18n.ts";
import { groupChoices, loadListPage } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "団体 · Chiiki" }];

export const loader = (args: Route.LoaderArgs) => loadListPage(args, listOrganisations, { more: groupChoices });

export default function Organisations({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { list, failure, params, groups, secretariat, meetings } = loaderData;
  return (
    <section className="page" aria-labelledby="organisations-title">
      <CommunityTabs secretariat={secretariat} meetings={meetings} />
      <h1 id="organisations-title">{t("community.organisations")}</h1>
      {secretariat && (
        <p className="row-action">
          <Link className="button" to="/community/organisations/new">
            {t("community.new")}
          </Link>
          <Link reloadDocument to="/community/export?kind=organisations&format=csv" download>
            {t("community.export")}: {t("community.export.csv")}
          </Link>
          <Link reloadDocument to="/community/export?kind=organisations&format=xlsx" download>
            {t("community.export.xlsx")}
          </Link>
          <Link reloadDocument to="/community/export?kind=organisations&format=csv&encoding=cp932" download>
            {t("files.export.csvCp932")}
          </Link>
        </p>
      )}
      <FormError failure={failure ?? undefined} />
      <RegionFilters params={params} groups={groups} own={["membership"]}>
        <CodeSelect
          name="membership"
          vocabulary="membership"
          codes={memberships}
          empty="community.any"
          defaultValue={params.membership ?? ""}
        />
        <SelectField
          name="sort"
          label={t("community.sort")}
          defaultValue={params.sort ?? "reading"}
          options={[
            { value: "reading", label: t("community.sort.reading") },
            { value: "name", label: t("community.sort.name") },
            { value: "updated", label: t("community.sort.updated") },
          ]}
        />
      </RegionFilters>
      <RecordTable
        label={t("community.organisations")}
        items={list.items}
        headings={[
          t("community.field.name"),
          t("community.field.sector"),
          t("community.field.prefecture"),
          t("community.field.membership"),
        ]}
        row={(o) => (
          <>
            <td className="wrap">
              <Link to={`/community/organisations/${o.id}`}>{o.name}</Link>
              {o.reading && (
                <>
                  <br />
                  <span className="muted">{o.reading}</span>
                </>
              )}
            </td>
            <td>{label(t, "sector", o.sector)}</td>
            <td>{label(t, "prefecture", o.prefecture)}</td>
            <td>{label(t, "membership", o.membership)}</td>
          </>
        )}
      />
      <Pager total={list.total} limit={loaderData.limit} offset={loaderData.offset} />
    </section>
  );
}
