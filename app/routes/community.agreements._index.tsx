import { Link } from "react-router";
import { agreementStatuses } from "#core/community/codes.ts";
import { listAgreements } from "#core/community/list-agreements.ts";
import { formatDate } from "#i18n/dates.ts";
import type { Route } from "./+types/community.agreements._index";
import { FormError, SelectField } from "../components/form.tsx";
import { Pager } from "../components/pager.tsx";
import { codeOptions, CommunityTabs, label, SearchFilters } from "../components/community/ui.tsx";
import { requireSecretariatPage } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { loadListPage } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "協定 · Chiiki" }];

export const loader = (args: Route.LoaderArgs) => loadListPage(args, listAgreements, { guard: requireSecretariatPage });

export default function Agreements({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { list, failure, params } = loaderData;
  return (
    <section className="page" aria-labelledby="agreements-title">
      <CommunityTabs secretariat />
      <h1 id="agreements-title">{t("community.agreements")}</h1>
      <p>
        <Link className="button" to="/community/agreements/new">
          {t("community.new")}
        </Link>
      </p>
      <FormError failure={failure ?? undefined} />
      <SearchFilters q={params.q ?? ""}>
        <SelectField
          name="status"
          label={t("community.field.status")}
          defaultValue={params.status ?? ""}
          options={codeOptions(t, "agreementStatus", agreementStatuses, "community.any")}
        />
      </SearchFilters>
      {list.items.length === 0 ? (
        <p>{t("community.noResults")}</p>
      ) : (
        <ul className="plain-list community-list">
          {list.items.map((a) => (
            <li key={a.id}>
              <Link to={`/community/agreements/${a.id}`}>{a.title}</Link>
              <br />
              <span className="muted">
                {a.signedOn ? formatDate(a.signedOn, locale) : ""} · {label(t, "agreementStatus", a.status)} ·{" "}
                {t("community.parties.count", { count: a.parties })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <Pager total={list.total} limit={loaderData.limit} offset={loaderData.offset} />
    </section>
  );
}
