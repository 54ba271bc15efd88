import { Link } from "react-router";
import { deleteActivity } from "#core/community/delete-activity.ts";
import { getActivity } from "#core/community/get-activity.ts";
import { formatDate } from "#i18n/dates.ts";
import type { Route } from "./+types/community.activities.$id._index";
import { failureOf, Notice } from "../components/form.tsx";
import { CommunityTabs, DeleteForm, Dl, label } from "../components/community/ui.tsx";
import { requireSecretariatPage } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { deleteConfirmed, loadRecordPage, recordPageAction } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.record.title ?? "活動実績"} · Chiiki` },
];

export const loader = (args: Route.LoaderArgs) => loadRecordPage(args, getActivity, { guard: requireSecretariatPage });

export const action = (args: Route.ActionArgs) =>
  recordPageAction(
    args,
    (call) => deleteConfirmed(call, deleteActivity, "/community/activities"),
    requireSecretariatPage,
  );

export default function ActivityPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { record: a, saved } = loaderData;
  return (
    <section className="page" aria-labelledby="activity-title">
      <CommunityTabs secretariat />
      {saved && (
        <Notice tone="success">
          <p>{t("community.saved")}</p>
        </Notice>
      )}
      <h1 id="activity-title">{a.title}</h1>
      <Dl
        items={[
          [t("community.field.heldOn"), formatDate(a.heldOn, locale)],
          [t("community.field.kind"), label(t, "activityKind", a.kind)],
          [t("community.field.organiser"), a.organiser],
          [
            t("community.field.group"),
            a.groupId ? (
              <Link key="value" to={`/community/groups/${a.groupId}`}>
                {a.groupName}
              </Link>
            ) : null,
          ],
          [
            t("community.field.url"),
            a.url ? (
              <a key="value" href={a.url} rel="noopener noreferrer">
                {a.url}
              </a>
            ) : null,
          ],
          [t("community.field.description"), a.description],
        ]}
      />
      <p>
        <Link className="button button--secondary" to={`/community/activities/${a.id}/edit`}>
          {t("community.edit")}
        </Link>
      </p>
      <h2>{t("community.field.talks")}</h2>
      {a.talks.length === 0 ? (
        <p>{t("common.empty")}</p>
      ) : (
        <ol className="community-list">
          {a.talks.map((x, i) => (
            <li key={i}>
              {x.title}
              {(x.speaker || x.affiliation) && (
                <span className="muted"> — {[x.affiliation, x.speaker].filter(Boolean).join(" ")}</span>
              )}
            </li>
          ))}
        </ol>
      )}
      <h2>{t("community.field.attendees")}</h2>
      {a.attendees.length === 0 ? (
        <p>{t("common.empty")}</p>
      ) : (
        <ul className="plain-list community-list">
          {a.attendees.map((x, i) => (
            <li key={i}>
              {x.organisationId ? (
                <Link to={`/community/organisations/${x.organisationId}`}>{x.organisationName}</Link>
              ) : (
                x.personName
              )}
              {x.label && <span className="muted"> · {x.label}</span>}
            </li>
          ))}
        </ul>
      )}
      <h2>{t("community.delete")}</h2>
      <DeleteForm failure={failureOf(actionData)} />
    </section>
  );
}
