import { getGroup } from "#core/community/get-group.ts";
import { listFormOptions } from "#core/community/list-form-options.ts";
import { updateGroup } from "#core/community/update-group.ts";
import type { Route } from "./+types/community.groups.$id.edit";
import { failureOf } from "../components/form.tsx";
import { GroupForm } from "../components/community/group-form.tsx";
import { CommunityTabs } from "../components/community/ui.tsx";
import { useT } from "../lib/i18n.ts";
import { loadEditForm, updateFromForm } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "グループの編集 · Chiiki" }];

export const loader = (args: Route.LoaderArgs) => loadEditForm(args, getGroup, listFormOptions);

export const action = (args: Route.ActionArgs) =>
  updateFromForm(args, { lists: ["members", "officers"] }, updateGroup, "/community/groups");

export default function EditGroup({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="edit-group-title">
      <CommunityTabs secretariat />
      <h1 id="edit-group-title">
        {loaderData.record.name}: {t("community.edit")}
      </h1>
      <GroupForm group={loaderData.record} options={loaderData.options} failure={failureOf(actionData)} />
    </section>
  );
}
