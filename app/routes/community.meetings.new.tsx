import { redirect } from "react-router";
import { createMeeting } from "#core/community/create-meeting.ts";
import { listFormOptions } from "#core/community/list-form-options.ts";
import type { Route } from "./+types/community.meetings.new";
import { failureOf } from "../components/form.tsx";
import { MeetingForm } from "../components/community/meeting-form.tsx";
import { CommunityTabs } from "../components/community/ui.tsx";
import { stateOf } from "../context.ts";
import { requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { depsOf, nestedFormInput, withLists } from "./community.forms.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "会議の登録 · Chiiki" }];

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
    const created = await createMeeting(depsOf(state), actor, withLists(nestedFormInput(form), ["attendees", "decisions"]));
    throw redirect(`/community/meetings/${created.id}?saved=1`);
  });
}

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
