import { Link, redirect } from "react-router";
import { deleteActivity } from "#core/community/delete-activity.ts";
import { getActivity } from "#core/community/get-activity.ts";
import { AppError } from "#core/shared/errors.ts";
import { formatDate } from "#i18n/dates.ts";
import type { Route } from "./+types/community.activities.$id._index";
import { failureOf, Notice } from "../components/form.tsx";
import { CommunityTabs, DeleteForm, Dl, label } from "../components/community/ui.tsx";
import { stateOf } from "../context.ts";
import { orRespond, requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { depsOf } from "./community.forms.server.ts";

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `${loaderData?.activity.title ?? "活動実績"} · Chiiki` }];

export async function loader({ context, request, params, url }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const activity = await orRespond(state, request, () => getActivity(depsOf(state), actor, params.id));
  return { activity, saved: url.searchParams.has("saved") };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    if (form.get("confirm") !== "on") throw new AppError("validation-failed", { fields: [{ field: "confirm", code: "required" }] });
    await deleteActivity(depsOf(state), actor, params.id);
    throw redirect("/community/activities");
  });
}

export default function ActivityPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { activity: a, saved } = loaderData;
  return (
    <section className="page" aria-labelledby="activity-title">
      <CommunityTabs secretariat />
      {saved && <Notice tone="success"><p>{t("community.saved")}</p></Notice>}
      <h1 id="activity-title">{a.title}</h1>
      <Dl items={[
        [t("community.field.heldOn"), formatDate(a.heldOn, locale)],
        [t("community.field.kind"), label(t, "activityKind", a.kind)],
        [t("community.field.organiser"), a.organiser],
        [t("community.field.group"), a.groupId ? <Link to={`/community/groups/${a.groupId}`}>{a.groupName}</Link> : null],
        [t("community.field.url"), a.url ? <a href={a.url} rel="noopener noreferrer">{a.url}</a> : null],
        [t("community.field.description"), a.description],
      ]} />
      <p><Link className="button button--secondary" to={`/community/activities/${a.id}/edit`}>{t("community.edit")}</Link></p>
      <h2>{t("community.field.talks")}</h2>
      {a.talks.length === 0 ? <p>{t("common.empty")}</p> : (
        <ol className="community-list">
          {a.talks.map((x, i) => <li key={i}>{x.title}{(x.speaker || x.affiliation) && <span className="muted"> — {[x.affiliation, x.speaker].filter(Boolean).join(" ")}</span>}</li>)}
        </ol>
      )}
      <h2>{t("community.field.attendees")}</h2>
      {a.attendees.length === 0 ? <p>{t("common.empty")}</p> : (
        <ul className="plain-list community-list">
          {a.attendees.map((x, i) => <li key={i}>{x.organisationId ? <Link to={`/community/organisations/${x.organisationId}`}>{x.organisationName}</Link> : x.personName}{x.label && <span className="muted"> · {x.label}</span>}</li>)}
        </ul>
      )}
      <h2>{t("community.delete")}</h2>
      <DeleteForm failure={failureOf(actionData)} />
    </section>
  );
}
