import { data, Link } from "react-router";
import { prefectures, qualificationKinds, sectors } from "#core/community/codes.ts";
import { listGroups } from "#core/community/list-groups.ts";
import { listPeople } from "#core/community/list-people.ts";
import type { Route } from "./+types/community.people._index";
import { FormError, SelectField } from "../components/form.tsx";
import { Pager } from "../components/pager.tsx";
import { TableWrap } from "../components/table-wrap.tsx";
import { codeOptions, CommunityTabs, label, SearchFilters } from "../components/community/ui.tsx";
import { stateOf } from "../context.ts";
import { requireUserPage } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { runListQuery } from "../lib/list-page.server.ts";
import { depsOf, registryNav } from "./community.forms.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "人 · Chiiki" }];

const PAGE_SIZE = 50;

export async function loader({ context, request, url }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireUserPage(state, request);
  const { result, failure, status } = await runListQuery(state, url, (query) => listPeople(depsOf(state), actor, { ...query, limit: PAGE_SIZE }));
  const params = Object.fromEntries(url.searchParams);
  // The group filter offers the groups this caller may read.
  const groups = (await listGroups(depsOf(state), actor, { limit: 200 })).items.map((g) => ({ value: g.id, label: g.name }));
  return data({ list: result ?? { items: [], total: 0 }, failure, params, groups, offset: Number(params.offset) || 0, ...registryNav(actor) }, { status });
}

export default function People({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { list, failure, params, groups, secretariat, meetings } = loaderData;
  return (
    <section className="page" aria-labelledby="people-title">
      <CommunityTabs secretariat={secretariat} meetings={meetings} />
      <h1 id="people-title">{t("community.people")}</h1>
      <p className="row-action">
        <Link className="button" to="/community/people/new">{t("community.new")}</Link>
        {secretariat && <a href="/community/export?kind=people&format=csv" download>{t("community.export")}: {t("community.export.csv")}</a>}
        {secretariat && <a href="/community/export?kind=people&format=xlsx" download>{t("community.export.xlsx")}</a>}
      </p>
      <FormError failure={failure ?? undefined} />
      <details className="filter-box" open={Boolean(params.q || params.groupId || params.sector || params.prefecture || params.qualification)}>
        <summary>{t("common.filter")}</summary>
        <SearchFilters q={params.q ?? ""}>
          {groups.length > 0 && <SelectField name="groupId" label={t("community.field.group")} defaultValue={params.groupId ?? ""} options={[{ value: "", label: t("community.any") }, ...groups]} />}
          <SelectField name="sector" label={t("community.field.sector")} defaultValue={params.sector ?? ""} options={codeOptions(t, "sector", sectors, "community.any")} />
          <SelectField name="prefecture" label={t("community.field.prefecture")} defaultValue={params.prefecture ?? ""} options={codeOptions(t, "prefecture", prefectures, "community.any")} />
          <SelectField name="qualification" label={t("community.field.qualificationKind")} defaultValue={params.qualification ?? ""} options={codeOptions(t, "qualification", qualificationKinds, "community.any")} />
        </SearchFilters>
      </details>
      {list.items.length === 0 ? <p>{t("community.noResults")}</p> : (
        <TableWrap label={t("community.people")}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("community.field.name")}</th>
                <th scope="col">{t("community.field.organisation")}</th>
                <th scope="col">{t("community.field.title")}</th>
                <th scope="col">{t("community.field.qualifications")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((p) => (
                <tr key={p.id}>
                  <td className="wrap"><Link to={`/community/people/${p.id}`}>{p.familyName} {p.givenName}</Link>{(p.familyReading || p.givenReading) && <><br /><span className="muted">{p.familyReading} {p.givenReading}</span></>}</td>
                  <td className="wrap">{p.organisationName ?? ""}</td>
                  <td className="wrap">{p.title ?? ""}</td>
                  <td className="wrap">{p.qualifications.map((q) => label(t, "qualification", q.kind)).join("、")}</td>
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
