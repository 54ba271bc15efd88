import { Link } from "react-router";
import { qualificationKinds } from "#core/community/codes.ts";
import { listPeople } from "#core/community/list-people.ts";
import type { Route } from "./+types/community.people._index";
import { FormError } from "../components/form.tsx";
import { Pager } from "../components/pager.tsx";
import { CommunityTabs, label, RecordTable, RegionFilters, CodeSelect } from "../components/community/ui.tsx";
import { useT } from "../lib/i18n.ts";
import { groupChoices, loadListPage } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "人 · Chiiki" }];

export const loader = (args: Route.LoaderArgs) => loadListPage(args, listPeople, { more: groupChoices });

export default function People({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { list, failure, params, groups, secretariat, meetings } = loaderData;
  return (
    <section className="page" aria-labelledby="people-title">
      <CommunityTabs secretariat={secretariat} meetings={meetings} />
      <h1 id="people-title">{t("community.people")}</h1>
      <p className="row-action">
        <Link className="button" to="/community/people/new">
          {t("community.new")}
        </Link>
        {secretariat && (
          <Link reloadDocument to="/community/export?kind=people&format=csv" download>
            {t("community.export")}: {t("community.export.csv")}
          </Link>
        )}
        {secretariat && (
          <Link reloadDocument to="/community/export?kind=people&format=xlsx" download>
            {t("community.export.xlsx")}
          </Link>
        )}
        {secretariat && (
          <Link reloadDocument to="/community/export?kind=people&format=csv&encoding=cp932" download>
            {t("files.export.csvCp932")}
          </Link>
        )}
      </p>
      <FormError failure={failure ?? undefined} />
      <RegionFilters params={params} groups={groups} own={["qualification"]}>
        <CodeSelect
          name="qualification"
          field="qualificationKind"
          vocabulary="qualification"
          codes={qualificationKinds}
          empty="community.any"
          defaultValue={params.qualification ?? ""}
        />
      </RegionFilters>
      <RecordTable
        label={t("community.people")}
        items={list.items}
        headings={[
          t("community.field.name"),
          t("community.field.organisation"),
          t("community.field.title"),
          t("community.field.qualifications"),
        ]}
        row={(p) => (
          <>
            <td className="wrap">
              <Link to={`/community/people/${p.id}`}>
                {p.familyName} {p.givenName}
              </Link>
              {(p.familyReading || p.givenReading) && (
                <>
                  <br />
                  <span className="muted">
                    {p.familyReading} {p.givenReading}
                  </span>
                </>
              )}
            </td>
            <td className="wrap">{p.organisationName ?? ""}</td>
            <td className="wrap">{p.title ?? ""}</td>
            <td className="wrap">{p.qualifications.map((q) => label(t, "qualification", q.kind)).join("、")}</td>
          </>
        )}
      />
      <Pager total={list.total} limit={loaderData.limit} offset={loaderData.offset} />
    </section>
  );
}
