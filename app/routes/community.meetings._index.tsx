import { Link } from "react-router";
import { listMeetings } from "#core/community/list-meetings.ts";
import { formatDateTime } from "#i18n/dates.ts";
import type { Route } from "./+types/community.meetings._index";
import { Field, FormError, SelectField } from "../components/form.tsx";
import { Pager } from "../components/pager.tsx";
import { CommunityTabs, SearchFilters } from "../components/community/ui.tsx";
import { useLocale, useT } from "../lib/i18n.ts";
import { loadListPage, meetingGroupChoices } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "会議 · Chiiki" }];

export const loader = (args: Route.LoaderArgs) => loadListPage(args, listMeetings, { more: meetingGroupChoices });

export default function Meetings({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { list, failure, params } = loaderData;
  return (
    <section className="page" aria-labelledby="meetings-title">
      <CommunityTabs secretariat={loaderData.secretariat} meetings={loaderData.meetings} />
      <h1 id="meetings-title">{t("community.meetings")}</h1>
      <p className="row-action">
        <Link className="button" to="/community/meetings/new">
          {t("community.new")}
        </Link>{" "}
        <Link to="/community/decisions">{t("community.decisions")}</Link>
      </p>
      <FormError failure={failure ?? undefined} />
      <SearchFilters q={params.q ?? ""}>
        {loaderData.groups.length > 0 ? (
          <SelectField
            name="groupId"
            label={t("community.field.group")}
            defaultValue={params.groupId ?? ""}
            options={[{ value: "", label: t("community.any") }, ...loaderData.groups]}
          />
        ) : (
          params.groupId && <input type="hidden" name="groupId" value={params.groupId} />
        )}
        <Field
          name="from"
          type="date"
          label={t("community.field.from")}
          failure={failure ?? undefined}
          defaultValue={params.from ?? ""}
        />
        <Field
          name="to"
          type="date"
          label={t("community.field.to")}
          failure={failure ?? undefined}
          defaultValue={params.to ?? ""}
        />
      </SearchFilters>
      {list.items.length === 0 ? (
        <p>{t("community.noResults")}</p>
      ) : (
        <ul className="plain-list community-list">
          {list.items.map((m) => (
            <li key={m.id}>
              <Link to={`/community/meetings/${m.id}`}>{m.title}</Link>
              <br />
              <span className="muted">
                {formatDateTime(m.startsAt, locale)}
                {m.groupName && ` · ${m.groupName}`}
                {(m.place || m.onlineTool) && ` · ${[m.place, m.onlineTool].filter(Boolean).join(" / ")}`}
              </span>
              {m.openDecisions > 0 && <span> · {t("community.openDecisions", { count: m.openDecisions })}</span>}
            </li>
          ))}
        </ul>
      )}
      <Pager total={list.total} limit={loaderData.limit} offset={loaderData.offset} />
    </section>
  );
}
