import { createMeeting } from "#core/community/create-meeting.ts";
import { listMeetingFormOptions } from "#core/community/list-meeting-form-options.ts";
import type { Route } from "./+types/community.meetings.new";
import { failureOf } from "../components/form.tsx";
import { MeetingForm } from "../components/community/meeting-form.tsx";
import { CommunityTabs } from "../components/community/ui.tsx";
import { requireUserPage } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { createFromForm, loadNewRecordForm } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "会議の登録 · Chiiki" }];

/** The secretariat, or a group lead recording a meeting of their group (core decides which groups). */
export const loader = (args: Route.LoaderArgs) => loadNewRecordForm(args, listMeetingFormOptions, requireUserPage);

export const action = (args: Route.ActionArgs) =>
  createFromForm(args, { lists: ["attendees", "decisions"] }, createMeeting, "/community/meetings", requireUserPage);

export default function NewMeeting({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="new-meeting-title">
      <CommunityTabs secretariat={loaderData.secretariat} meetings={loaderData.meetings} />
      <h1 id="new-meeting-title">
        {t("community.meetings")}: {t("community.new")}
      </h1>
      <MeetingForm options={loaderData.options} failure={failureOf(actionData)} />
    </section>
  );
}
