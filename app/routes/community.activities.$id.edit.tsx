import { redirect } from "react-router";
import { getActivity } from "#core/community/get-activity.ts";
import { listFormOptions } from "#core/community/list-form-options.ts";
import { updateActivity } from "#core/community/update-activity.ts";
import type { Route } from "./+types/community.activities.$id.edit";
import { failureOf } from "../components/form.tsx";
import { ActivityForm } from "../components/community/activity-form.tsx";
import { CommunityTabs } from "../components/community/ui.tsx";
import { stateOf } from "../context.ts";
import { orRespond, requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { depsOf, nestedFormInput, withLists } from "./community.forms.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "活動の編集 · Chiiki" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const activity = await orRespond(state, request, () => getActivity(depsOf(state), actor, params.id));
  return { activity, options: await listFormOptions(depsOf(state), actor) };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    await updateActivity(depsOf(state), actor, params.id, withLists(nestedFormInput(form), ["talks", "attendees"]));
    throw redirect(`/community/activities/${params.id}?saved=1`);
  });
}

export default function EditActivity({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="edit-activity-title">
      <CommunityTabs secretariat />
      <h1 id="edit-activity-title">{loaderData.activity.title}: {t("community.edit")}</h1>
      <ActivityForm activity={loaderData.activity} options={loaderData.options} failure={failureOf(actionData)} />
    </section>
  );
}
