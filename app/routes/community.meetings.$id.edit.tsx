import { getMeeting } from "#core/community/get-meeting.ts";
import { listMeetingFormOptions } from "#core/community/list-meeting-form-options.ts";
import { updateMeeting } from "#core/community/update-meeting.ts";
import type { Route } from "./+types/community.meetings.$id.edit";
import { failureOf } from "../components/form.tsx";
import { MeetingForm } from "../components/community/meeting-form.tsx";
import { CommunityTabs } from "../components/community/ui.tsx";
import { requireUserPage } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { loadEditForm, updateFromForm } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "会議の編集 · Chiiki" }];

/** The secretariat, or the lead of the meeting's group (core decides). */
export const loader = (args: Route.LoaderArgs) =>
  loadEditForm(args, getMeeting, listMeetingFormOptions, requireUserPage);

export const action = (args: Route.ActionArgs) =>
  updateFromForm(args, { lists: ["attendees", "decisions"] }, updateMeeting, "/community/meetings", requireUserPage);

export default function EditMeeting({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="edit-meeting-title">
      <CommunityTabs secretariat={loaderData.secretariat} meetings={loaderData.meetings} />
      <h1 id="edit-meeting-title">
        {loaderData.record.title}: {t("community.edit")}
      </h1>
      <MeetingForm meeting={loaderData.record} options={loaderData.options} failure={failureOf(actionData)} />
    </section>
  );
}
