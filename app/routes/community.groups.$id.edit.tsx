import { redirect } from "react-router";
import { getGroup } from "#core/community/get-group.ts";
import { listFormOptions } from "#core/community/list-form-options.ts";
import { updateGroup } from "#core/community/update-group.ts";
import type { Route } from "./+types/community.groups.$id.edit";
import { failureOf } from "../components/form.tsx";
import { GroupForm } from "../components/community/group-form.tsx";
import { CommunityTabs } from "../components/community/ui.tsx";
import { stateOf } from "../context.ts";
import { orRespond, requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { depsOf, nestedFormInput, withLists } from "./community.forms.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "グループの編集 · Chiiki" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const group = await orRespond(state, request, () => getGroup(depsOf(state), actor, params.id));
  return { group, options: await listFormOptions(depsOf(state), actor) };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    await updateGroup(depsOf(state), actor, params.id, withLists(nestedFormInput(form), ["members", "officers"]));
    throw redirect(`/community/groups/${params.id}?saved=1`);
  });
}

export default function EditGroup({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="edit-group-title">
      <CommunityTabs secretariat />
      <h1 id="edit-group-title">{loaderData.group.name}: {t("community.edit")}</h1>
      <GroupForm group={loaderData.group} options={loaderData.options} failure={failureOf(actionData)} />
    </section>
  );
}
