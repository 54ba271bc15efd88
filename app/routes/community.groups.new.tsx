import { redirect } from "react-router";
import { createGroup } from "#core/community/create-group.ts";
import { listFormOptions } from "#core/community/list-form-options.ts";
import type { Route } from "./+types/community.groups.new";
import { failureOf } from "../components/form.tsx";
import { GroupForm } from "../components/community/group-form.tsx";
import { CommunityTabs } from "../components/community/ui.tsx";
import { stateOf } from "../context.ts";
import { requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { depsOf, nestedFormInput, withLists } from "./community.forms.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "グループの登録 · Chiiki" }];

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
    const created = await createGroup(depsOf(state), actor, withLists(nestedFormInput(form), ["members", "officers"]));
    throw redirect(`/community/groups/${created.id}?saved=1`);
  });
}

export default function NewGroup({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="new-group-title">
      <CommunityTabs secretariat />
      <h1 id="new-group-title">{t("community.groups")}: {t("community.new")}</h1>
      <GroupForm options={loaderData.options} failure={failureOf(actionData)} />
    </section>
  );
}
