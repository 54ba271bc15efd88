import { Link } from "react-router";
import { deleteMeeting } from "#core/community/delete-meeting.ts";
import { getMeeting } from "#core/community/get-meeting.ts";
import { renderMarkdown } from "#core/shared/render-markdown.ts";
import { formatDate, formatDateTime } from "#i18n/dates.ts";
import type { Route } from "./+types/community.meetings.$id._index";
import { failureOf, Notice } from "../components/form.tsx";
import { Minutes } from "../components/community/minutes.tsx";
import { CommunityTabs, DeleteForm, Dl, label } from "../components/community/ui.tsx";
import { useLocale, useT } from "../lib/i18n.ts";
import { deleteConfirmed, loadRecordPage, recordPageAction } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.record.title ?? "会議"} · Chiiki` },
];

export const loader = (args: Route.LoaderArgs) =>
  loadRecordPage(args, getMeeting, {
    more: (_deps, _actor, meeting) => ({
      minutesHtml: meeting.minutesMarkdown ? renderMarkdown(meeting.minutesMarkdown) : null,
    }),
  });

export const action = (args: Route.ActionArgs) =>
  recordPageAction(args, (call) => deleteConfirmed(call, deleteMeeting, "/community/meetings"));

export default function MeetingPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { record: m, secretariat, meetings, saved, minutesHtml } = loaderData;
  return (
    <section className="page" aria-labelledby="meeting-title">
      <CommunityTabs secretariat={secretariat} meetings={meetings} />
      {saved && (
        <Notice tone="success">
          <p>{t("community.saved")}</p>
        </Notice>
      )}
      <h1 id="meeting-title">{m.title}</h1>
      <Dl
        items={[
          [t("community.field.startsAt"), formatDateTime(m.startsAt, locale)],
          [t("community.field.endsAt"), m.endsAt ? formatDateTime(m.endsAt, locale) : null],
          [
            t("community.field.group"),
            m.groupId ? (
              <Link key="value" to={`/community/groups/${m.groupId}`}>
                {m.groupName}
              </Link>
            ) : null,
          ],
          [t("community.field.place"), m.place],
          [t("community.field.onlineTool"), m.onlineTool],
          [t("community.field.agenda"), m.agenda],
        ]}
      />
      <p>
        <Link className="button button--secondary" to={`/community/meetings/${m.id}/edit`}>
          {t("community.edit")}
        </Link>
      </p>
      <h2>{t("community.field.attendees")}</h2>
      {m.attendees.length === 0 ? (
        <p>{t("common.empty")}</p>
      ) : (
        <ul className="plain-list community-list">
          {m.attendees.map((a, i) => (
            <li key={i}>
              {a.organisationId ? (
                <Link to={`/community/organisations/${a.organisationId}`}>{a.organisationName}</Link>
              ) : (
                a.personName
              )}
              {a.label && <span className="muted"> · {a.label}</span>}
            </li>
          ))}
        </ul>
      )}
      <h2>{t("community.field.decisions")}</h2>
      {m.decisions.length === 0 ? (
        <p>{t("common.empty")}</p>
      ) : (
        <ol className="community-list">
          {m.decisions.map((d) => (
            <li key={d.id}>
              {d.text}
              <br />
              <span className="muted">
                {label(t, "decisionStatus", d.status)}
                {(d.ownerOrganisationName || d.ownerLabel) &&
                  ` · ${[d.ownerOrganisationName, d.ownerLabel].filter(Boolean).join("・")}`}
                {d.dueOn && ` · ${t("community.field.dueOn")} ${formatDate(d.dueOn, locale)}`}
              </span>
            </li>
          ))}
        </ol>
      )}
      {minutesHtml && (
        <>
          <h2>{t("community.field.minutes")}</h2>
          <Minutes html={minutesHtml} />
        </>
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
