import { createMeeting } from "#core/community/create-meeting.ts";
import type { Route } from "./+types/community.meetings.new";
import { failureOf } from "../components/form.tsx";
import { MeetingForm } from "../components/community/meeting-form.tsx";
import { CommunityTabs } from "../components/community/ui.tsx";
import { useT } from "../lib/i18n.ts";
import { createFromForm, loadNewRecordForm } from "./community.forms.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "会議の登録 · Chiiki" }];

export const loader = (args: Route.LoaderArgs) => loadNewRecordForm(args);

export const action = (args: Route.ActionArgs) => createFromForm(args, ["attendees", "decisions"], createMeeting, "/community/meetings");

export default function NewMeeting({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="new-meeting-title">
      <CommunityTabs secretariat />
      <h1 id="new-meeting-title">{t("community.meetings")}: {t("community.new")}</h1>
      <MeetingForm options={loaderData.options} failure={failureOf(actionData)} />
    </section>
  );
}
