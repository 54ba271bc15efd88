import { getActivity } from "#core/community/get-activity.ts";
import { listFormOptions } from "#core/community/list-form-options.ts";
import { updateActivity } from "#core/community/update-activity.ts";
import type { Route } from "./+types/community.activities.$id.edit";
import { failureOf } from "../components/form.tsx";
import { ActivityForm } from "../components/community/activity-form.tsx";
import { CommunityTabs } from "../components/community/ui.tsx";
import { useT } from "../lib/i18n.ts";
import { loadEditForm, updateFromForm } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "活動の編集 · Chiiki" }];

export const loader = (args: Route.LoaderArgs) => loadEditForm(args, getActivity, listFormOptions);

export const action = (args: Route.ActionArgs) =>
  updateFromForm(args, { lists: ["talks", "attendees"] }, updateActivity, "/community/activities");

export default function EditActivity({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="edit-activity-title">
      <CommunityTabs secretariat />
      <h1 id="edit-activity-title">
        {loaderData.record.title}: {t("community.edit")}
      </h1>
      <ActivityForm activity={loaderData.record} options={loaderData.options} failure={failureOf(actionData)} />
    </section>
  );
}
