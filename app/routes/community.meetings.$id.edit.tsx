import { redirect } from "react-router";
import { getMeeting } from "#core/community/get-meeting.ts";
import { listMeetingFormOptions } from "#core/community/list-meeting-form-options.ts";
import { updateMeeting } from "#core/community/update-meeting.ts";
import type { Route } from "./+types/community.meetings.$id.edit";
import { failureOf } from "../components/form.tsx";
import { MeetingForm } from "../components/community/meeting-form.tsx";
import { CommunityTabs } from "../components/community/ui.tsx";
import { stateOf } from "../context.ts";
import { orRespond, requireUserPage, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { depsOf, nestedFormInput, registryNav, withLists } from "./community.forms.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "会議の編集 · Chiiki" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireUserPage(state, request);
  const meeting = await orRespond(state, request, () => getMeeting(depsOf(state), actor, params.id));
  return { meeting, options: await orRespond(state, request, () => listMeetingFormOptions(depsOf(state), actor)), ...registryNav(actor) };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireUserPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    await updateMeeting(depsOf(state), actor, params.id, withLists(nestedFormInput(form), ["attendees", "decisions"]));
    throw redirect(`/community/meetings/${params.id}?saved=1`);
  });
}

export default function EditMeeting({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="edit-meeting-title">
      <CommunityTabs secretariat={loaderData.secretariat} meetings={loaderData.meetings} />
      <h1 id="edit-meeting-title">{loaderData.meeting.title}: {t("community.edit")}</h1>
      <MeetingForm meeting={loaderData.meeting} options={loaderData.options} failure={failureOf(actionData)} />
    </section>
  );
}
