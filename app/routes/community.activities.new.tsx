import { redirect } from "react-router";
import { createActivity } from "#core/community/create-activity.ts";
import { listFormOptions } from "#core/community/list-form-options.ts";
import type { Route } from "./+types/community.activities.new";
import { failureOf } from "../components/form.tsx";
import { ActivityForm } from "../components/community/activity-form.tsx";
import { CommunityTabs } from "../components/community/ui.tsx";
import { stateOf } from "../context.ts";
import { requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { depsOf, nestedFormInput, withLists } from "./community.forms.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "活動の登録 · Chiiki" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  return { options: await listFormOptions(depsOf(state), actor) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const created = await createActivity(depsOf(state), actor, withLists(nestedFormInput(form), ["talks", "attendees"]));
    throw redirect(`/community/activities/${created.id}?saved=1`);
  });
}

export default function NewActivity({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="new-activity-title">
      <CommunityTabs secretariat />
      <h1 id="new-activity-title">{t("community.activities")}: {t("community.new")}</h1>
      <ActivityForm options={loaderData.options} failure={failureOf(actionData)} />
    </section>
  );
}
