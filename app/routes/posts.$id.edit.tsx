import { redirect } from "react-router";
import type { Route } from "./+types/posts.$id.edit";
import { getPost } from "#core/sharing/get-post.ts";
import { updatePost } from "#core/sharing/update-post.ts";
import { failureOf } from "../components/form.tsx";
import { PostForm } from "../components/post-form.tsx";
import { stateOf } from "../context.ts";
import { orRespond, requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { postFormChoices, postInputFromForm, viewerOf } from "./posts.web.server.ts";
import { sharingDepsFrom } from "#core/sharing/deps.ts";

export const meta: Route.MetaFunction = () => [{ title: "投稿の編集 · Chiiki" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  requireSecretariatPage(state, request);
  const post = await orRespond(state, request, async () =>
    getPost(state.services.database.db, await viewerOf(state), params.id),
  );
  return { post, choices: await postFormChoices(state) };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  requireSecretariatPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    await updatePost(sharingDepsFrom(state.services), state.actor, params.id, postInputFromForm(form));
    throw redirect(`/posts/${params.id}`);
  });
}

export default function EditPost({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="post-edit-title">
      <h1 id="post-edit-title">{t("sharing.posts.edit")}</h1>
      <PostForm
        post={loaderData.post}
        choices={loaderData.choices}
        failure={failureOf(actionData)}
        submitLabel={t("common.save")}
      />
    </section>
  );
}
