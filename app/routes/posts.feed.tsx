import { Form } from "react-router";
import type { Route } from "./+types/posts.feed";
import { hasPersonalFeedToken, issuePersonalFeedToken } from "#core/sharing/personal-feed.ts";
import { Notice, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { requireUserPage, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = () => [{ title: "個人用フィード · Chiiki" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const state = stateOf(context);
  const user = requireUserPage(state, request);
  return { hasToken: await hasPersonalFeedToken(state.services.database.db, user.userId) };
}

/** Issues a new secret URL (shown once; the old one stops working). */
export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  requireUserPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const token = await issuePersonalFeedToken(state.services.database.db, state.services.clock, state.actor);
    return { ok: true as const, url: `${state.services.env.baseUrl}/feed/personal/${token}` };
  });
}

export default function PersonalFeed({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const url = actionData && "url" in actionData ? actionData.url : null;
  return (
    <section className="page narrow" aria-labelledby="feed-title">
      <h1 id="feed-title">{t("sharing.feed.personal")}</h1>
      <p className="lead">{t("sharing.feed.personalLead")}</p>
      {url && (
        <Notice tone="success">
          <p>{t("sharing.feed.issued")}</p>
          <p className="mono feed-url">{url}</p>
        </Notice>
      )}
      {!url && loaderData.hasToken && <p>{t("sharing.feed.hasToken")}</p>}
      <Form method="post">
        <div className="actions"><SubmitButton>{loaderData.hasToken || url ? t("sharing.feed.reissue") : t("sharing.feed.issue")}</SubmitButton></div>
      </Form>
    </section>
  );
}
