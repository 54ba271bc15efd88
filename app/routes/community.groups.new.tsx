import { createGroup } from "#core/community/create-group.ts";
import { listFormOptions } from "#core/community/list-form-options.ts";
import type { Route } from "./+types/community.groups.new";
import { failureOf } from "../components/form.tsx";
import { GroupForm } from "../components/community/group-form.tsx";
import { CommunityTabs } from "../components/community/ui.tsx";
import { useT } from "../lib/i18n.ts";
import { createFromForm, loadNewRecordForm } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "グループの登録 · Chiiki" }];

export const loader = (args: Route.LoaderArgs) => loadNewRecordForm(args, listFormOptions);

export const action = (args: Route.ActionArgs) =>
  createFromForm(args, { lists: ["members", "officers"] }, createGroup, "/community/groups");

export default function NewGroup({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="new-group-title">
      <CommunityTabs secretariat />
      <h1 id="new-group-title">
        {t("community.groups")}: {t("community.new")}
      </h1>
      <GroupForm options={loaderData.options} failure={failureOf(actionData)} />
    </section>
  );
}
