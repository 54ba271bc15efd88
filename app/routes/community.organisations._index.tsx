import { data, Link } from "react-router";
import { memberships, prefectures, sectors } from "#core/community/codes.ts";
import { listGroups } from "#core/community/list-groups.ts";
import { listOrganisations } from "#core/community/list-organisations.ts";
import type { Route } from "./+types/community.organisations._index";
import { FormError, SelectField } from "../components/form.tsx";
import { Pager } from "../components/pager.tsx";
import { TableWrap } from "../components/table-wrap.tsx";
import { codeOptions, CommunityTabs, label, SearchFilters } from "../components/community/ui.tsx";
import { stateOf } from "../context.ts";
import { requireUserPage } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { runListQuery } from "../lib/list-page.server.ts";
import { depsOf, registryNav } from "./community.forms.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "団体 · Chiiki" }];

const PAGE_SIZE = 50;

export async function loader({ context, request, url }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireUserPage(state, request);
  const { result, failure, status } = await runListQuery(state, url, (query) => listOrganisations(depsOf(state), actor, { ...query, limit: PAGE_SIZE }));
  const params = Object.fromEntries(url.searchParams);
  // The group filter offers the groups this caller may read.
  const groups = (await listGroups(depsOf(state), actor, { limit: 200 })).items.map((g) => ({ value: g.id, label: g.name }));
  return data({ list: result ?? { items: [], total: 0 }, failure, params, groups, offset: Number(params.offset) || 0, ...registryNav(actor) }, { status });
}

export default function Organisations({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { list, failure, params, groups, secretariat, meetings } = loaderData;
  return (
    <section className="page" aria-labelledby="organisations-title">
      <CommunityTabs secretariat={secretariat} meetings={meetings} />
      <h1 id="organisations-title">{t("community.organisations")}</h1>
      {secretariat && (
        <p className="row-action">
          <Link className="button" to="/community/organisations/new">{t("community.new")}</Link>
          <a href="/community/export?kind=organisations&format=csv" download>{t("community.export")}: {t("community.export.csv")}</a>
          <a href="/community/export?kind=organisations&format=xlsx" download>{t("community.export.xlsx")}</a>
        </p>
      )}
      <FormError failure={failure ?? undefined} />
      <details className="filter-box" open={Boolean(params.q || params.groupId || params.sector || params.prefecture || params.membership)}>
        <summary>{t("common.filter")}</summary>
        <SearchFilters q={params.q ?? ""}>
          {groups.length > 0 && <SelectField name="groupId" label={t("community.field.group")} defaultValue={params.groupId ?? ""} options={[{ value: "", label: t("community.any") }, ...groups]} />}
          <SelectField name="sector" label={t("community.field.sector")} defaultValue={params.sector ?? ""} options={codeOptions(t, "sector", sectors, "community.any")} />
          <SelectField name="prefecture" label={t("community.field.prefecture")} defaultValue={params.prefecture ?? ""} options={codeOptions(t, "prefecture", prefectures, "community.any")} />
          <SelectField name="membership" label={t("community.field.membership")} defaultValue={params.membership ?? ""} options={codeOptions(t, "membership", memberships, "community.any")} />
          <SelectField name="sort" label={t("community.sort")} defaultValue={params.sort ?? "reading"}
            options={[{ value: "reading", label: t("community.sort.reading") }, { value: "name", label: t("community.sort.name") }, { value: "updated", label: t("community.sort.updated") }]} />
        </SearchFilters>
      </details>
      {list.items.length === 0 ? <p>{t("community.noResults")}</p> : (
        <TableWrap label={t("community.organisations")}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("community.field.name")}</th>
                <th scope="col">{t("community.field.sector")}</th>
                <th scope="col">{t("community.field.prefecture")}</th>
                <th scope="col">{t("community.field.membership")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((o) => (
                <tr key={o.id}>
                  <td className="wrap"><Link to={`/community/organisations/${o.id}`}>{o.name}</Link>{o.reading && <><br /><span className="muted">{o.reading}</span></>}</td>
                  <td>{label(t, "sector", o.sector)}</td>
                  <td>{label(t, "prefecture", o.prefecture)}</td>
                  <td>{label(t, "membership", o.membership)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pager total={list.total} limit={PAGE_SIZE} offset={loaderData.offset} />
    </section>
  );
}
