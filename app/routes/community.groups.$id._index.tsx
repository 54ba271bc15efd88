import { Link } from "react-router";
import { canRunMeetingsOf } from "#core/community/access.ts";
import { sectors } from "#core/community/codes.ts";
import { deleteGroup } from "#core/community/delete-group.ts";
import { getGroup } from "#core/community/get-group.ts";
import { formatDate } from "#i18n/dates.ts";
import type { Route } from "./+types/community.groups.$id._index";
import { failureOf, Notice } from "../components/form.tsx";
import { CommunityTabs, DeleteForm, Dl, label } from "../components/community/ui.tsx";
import { useLocale, useT } from "../lib/i18n.ts";
import { deleteConfirmed, loadRecordPage, recordPageAction } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.record.name ?? "グループ"} · Chiiki` },
];

export const loader = (args: Route.LoaderArgs) =>
  loadRecordPage(args, getGroup, {
    more: (_deps, actor, group) => ({ runsItsMeetings: canRunMeetingsOf(actor, group.id) }),
  });

export const action = (args: Route.ActionArgs) =>
  recordPageAction(args, (call) => deleteConfirmed(call, deleteGroup, "/community/groups"));

export default function GroupPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { record: g, secretariat, meetings, runsItsMeetings, saved } = loaderData;
  const term = (start: string | null, end: string | null) =>
    start || end ? `${start ? formatDate(start, locale) : ""}〜${end ? formatDate(end, locale) : ""}` : "";
  return (
    <section className="page" aria-labelledby="group-title">
      <CommunityTabs secretariat={secretariat} meetings={meetings} />
      {saved && (
        <Notice tone="success">
          <p>{t("community.saved")}</p>
        </Notice>
      )}
      <h1 id="group-title">{g.name}</h1>
      <Dl
        items={[
          [t("community.field.kind"), label(t, "groupKind", g.kind)],
          [
            t("community.field.host"),
            g.hostOrganisationId ? (
              <Link key="value" to={`/community/organisations/${g.hostOrganisationId}`}>
                {g.hostOrganisationName}
              </Link>
            ) : null,
          ],
          [t("community.field.foundedOn"), g.foundedOn ? formatDate(g.foundedOn, locale) : null],
          [t("community.field.description"), g.description],
        ]}
      />
      {secretariat && (
        <p>
          <Link className="button button--secondary" to={`/community/groups/${g.id}/edit`}>
            {t("community.edit")}
          </Link>
        </p>
      )}
      {runsItsMeetings && (
        <p>
          <Link to={`/community/meetings?groupId=${g.id}`}>{t("community.detail.meetingsOfGroup")}</Link>
        </p>
      )}
      <h2>{t("community.field.officers")}</h2>
      {g.officers.length === 0 ? (
        <p>{t("common.empty")}</p>
      ) : (
        <ul className="plain-list community-list">
          {g.officers.map((o, i) => (
            <li key={i}>
              <strong>{o.role}</strong>：
              {o.vacant ? (
                <span className="community-vacant">{t("community.vacant")}</span>
              ) : (
                [o.personName, o.organisationName].filter(Boolean).join("・") || "—"
              )}
              {term(o.termStart, o.termEnd) && <span className="muted"> · {term(o.termStart, o.termEnd)}</span>}
            </li>
          ))}
        </ul>
      )}
      <h2>
        {t("community.field.members")} ({g.members.length})
      </h2>
      {sectors
        .filter((s) => g.members.some((m) => m.sector === s))
        .map((sector) => (
          <div key={sector}>
            <h3 className="community-sector-heading">{label(t, "sector", sector)}</h3>
            <ul className="plain-list community-list">
              {g.members
                .filter((m) => m.sector === sector)
                .map((m, i) => (
                  <li key={i}>
                    <Link to={`/community/organisations/${m.organisationId}`}>{m.organisationName}</Link>
                    {m.joinedOn && <span className="muted"> · {formatDate(m.joinedOn, locale)}</span>}
                  </li>
                ))}
            </ul>
          </div>
        ))}
      {g.members.some((m) => !m.organisationId) && (
        <ul className="plain-list community-list">
          {g.members
            .filter((m) => !m.organisationId)
            .map((m, i) => (
              <li key={i}>{m.personName ?? "—"}</li>
            ))}
        </ul>
      )}
      {secretariat && (
        <>
          <h2>{t("community.delete")}</h2>
          <DeleteForm failure={failureOf(actionData)} />
        </>
      )}
    </section>
  );
}
