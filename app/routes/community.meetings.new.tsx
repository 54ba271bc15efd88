import { createMeeting } from "#core/community/create-meeting.ts";
import { listMeetingFormOptions } from "#core/community/list-meeting-form-options.ts";
import type { Route } from "./+types/community.meetings.new";
import { failureOf } from "../components/form.tsx";
import { MeetingForm } from "../components/community/meeting-form.tsx";
import { CommunityTabs } from "../components/community/ui.tsx";
import { stateOf } from "../context.ts";
import { orRespond, requireUserPage } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { createFromForm, depsOf, registryNav } from "./community.forms.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "会議の登録 · Chiiki" }];

/** The secretariat, or a group lead recording a meeting of their group (core decides which groups). */
export async function loader({ context, request }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireUserPage(state, request);
  const options = await orRespond(state, request, () => listMeetingFormOptions(depsOf(state), actor));
  return { options, ...registryNav(actor) };
}

export const action = (args: Route.ActionArgs) => createFromForm(args, ["attendees", "decisions"], createMeeting, "/community/meetings", requireUserPage);

export default function NewMeeting({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="new-meeting-title">
      <CommunityTabs secretariat={loaderData.secretariat} meetings={loaderData.meetings} />
      <h1 id="new-meeting-title">{t("community.meetings")}: {t("community.new")}</h1>
      <MeetingForm options={loaderData.options} failure={failureOf(actionData)} />
    </section>
  );
}
