import { createActivity } from "#core/community/create-activity.ts";
import { listFormOptions } from "#core/community/list-form-options.ts";
import type { Route } from "./+types/community.activities.new";
import { failureOf } from "../components/form.tsx";
import { ActivityForm } from "../components/community/activity-form.tsx";
import { CommunityTabs } from "../components/community/ui.tsx";
import { useT } from "../lib/i18n.ts";
import { createFromForm, loadNewRecordForm } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "活動の登録 · Chiiki" }];

export const loader = (args: Route.LoaderArgs) => loadNewRecordForm(args, listFormOptions);

export const action = (args: Route.ActionArgs) =>
  createFromForm(args, { lists: ["talks", "attendees"] }, createActivity, "/community/activities");

export default function NewActivity({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="new-activity-title">
      <CommunityTabs secretariat />
      <h1 id="new-activity-title">
        {t("community.activities")}: {t("community.new")}
      </h1>
      <ActivityForm options={loaderData.options} failure={failureOf(actionData)} />
    </section>
  );
}
