import { Link } from "react-router";
import { groupKinds } from "#core/community/codes.ts";
import { listGroups } from "#core/community/list-groups.ts";
import type { Route } from "./+types/community.groups._index";
import { FormError, SelectField } from "../components/form.tsx";
import { Pager } from "../components/pager.tsx";
import { codeOptions, CommunityTabs, label, SearchFilters } from "../components/community/ui.tsx";
import { useT } from "../lib/i18n.ts";
import { loadListPage } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "グループ · Chiiki" }];

export const loader = (args: Route.LoaderArgs) => loadListPage(args, listGroups);

export default function Groups({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { list, failure, params, secretariat, meetings } = loaderData;
  return (
    <section className="page" aria-labelledby="groups-title">
      <CommunityTabs secretariat={secretariat} meetings={meetings} />
      <h1 id="groups-title">{t("community.groups")}</h1>
      {secretariat && (
        <p>
          <Link className="button" to="/community/groups/new">
            {t("community.new")}
          </Link>
        </p>
      )}
      <FormError failure={failure ?? undefined} />
      <SearchFilters q={params.q ?? ""}>
        <SelectField
          name="kind"
          label={t("community.field.kind")}
          defaultValue={params.kind ?? ""}
          options={codeOptions(t, "groupKind", groupKinds, "community.any")}
        />
      </SearchFilters>
      {list.items.length === 0 ? (
        <p>{t("community.noResults")}</p>
      ) : (
        <ul className="plain-list community-list">
          {list.items.map((g) => (
            <li key={g.id}>
              <Link to={`/community/groups/${g.id}`}>{g.name}</Link>
              <br />
              <span className="muted">
                {label(t, "groupKind", g.kind)}
                {g.hostOrganisationName && ` · ${g.hostOrganisationName}`} · {t("community.field.members")} {g.members}
              </span>
              {g.vacantOfficers > 0 && (
                <span className="community-vacant"> · {t("community.vacant.count", { count: g.vacantOfficers })}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      <Pager total={list.total} limit={loaderData.limit} offset={loaderData.offset} />
    </section>
  );
}
