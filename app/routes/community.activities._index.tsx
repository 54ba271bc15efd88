import { Link } from "react-router";
import { activityKinds } from "#core/community/codes.ts";
import { listActivities } from "#core/community/list-activities.ts";
import { formatDate } from "#i18n/dates.ts";
import type { Route } from "./+types/community.activities._index";
import { FormError, SelectField } from "../components/form.tsx";
import { Pager } from "../components/pager.tsx";
import { codeOptions, CommunityTabs, label, SearchFilters } from "../components/community/ui.tsx";
import { requireSecretariatPage } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { loadListPage } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "活動実績 · Chiiki" }];

export const loader = (args: Route.LoaderArgs) => loadListPage(args, listActivities, { guard: requireSecretariatPage });

export default function Activities({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { list, failure, params } = loaderData;
  return (
    <section className="page" aria-labelledby="activities-title">
      <CommunityTabs secretariat />
      <h1 id="activities-title">{t("community.activities")}</h1>
      <p>
        <Link className="button" to="/community/activities/new">
          {t("community.new")}
        </Link>
      </p>
      <FormError failure={failure ?? undefined} />
      <SearchFilters q={params.q ?? ""}>
        <SelectField
          name="kind"
          label={t("community.field.kind")}
          defaultValue={params.kind ?? ""}
          options={codeOptions(t, "activityKind", activityKinds, "community.any")}
        />
      </SearchFilters>
      {list.items.length === 0 ? (
        <p>{t("community.noResults")}</p>
      ) : (
        <ul className="plain-list community-list">
          {list.items.map((a) => (
            <li key={a.id}>
              <Link to={`/community/activities/${a.id}`}>{a.title}</Link>
              <br />
              <span className="muted">
                {formatDate(a.heldOn, locale)} · {label(t, "activityKind", a.kind)}
                {a.organiser && ` · ${a.organiser}`}
                {a.talks > 0 && ` · ${t("community.talks.count", { count: a.talks })}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      <Pager total={list.total} limit={loaderData.limit} offset={loaderData.offset} />
    </section>
  );
}
