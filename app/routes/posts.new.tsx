import { redirect } from "react-router";
import type { Route } from "./+types/posts.new";
import { createPost } from "#core/sharing/create-post.ts";
import { failureOf } from "../components/form.tsx";
import { PostForm } from "../components/post-form.tsx";
import { stateOf } from "../context.ts";
import { requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { postFormChoices, postInputFromForm } from "./posts.web.server.ts";
import { sharingDepsFrom } from "#core/sharing/deps.ts";

export const meta: Route.MetaFunction = () => [{ title: "新しい投稿 · Chiiki" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const state = stateOf(context);
  requireSecretariatPage(state, request);
  return { choices: await postFormChoices(state) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  requireSecretariatPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const { id } = await createPost(sharingDepsFrom(state.services), state.actor, postInputFromForm(form));
    throw redirect(`/posts/${id}`);
  });
}

export default function NewPost({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page" aria-labelledby="post-new-title">
      <h1 id="post-new-title">{t("sharing.posts.new")}</h1>
      <PostForm choices={loaderData.choices} failure={failureOf(actionData)} submitLabel={t("common.save")} />
    </section>
  );
}
