import { Form } from "react-router";
import type { Route } from "./+types/posts.feed";
import { getPersonalFeedStatus, issuePersonalFeedToken, revokePersonalFeedToken } from "#core/sharing/personal-feed.ts";
import { formatDateTime } from "#i18n/dates.ts";
import { Notice, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { requireUserPage, runForm } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = () => [{ title: "個人用フィード · Chiiki" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const state = stateOf(context);
  requireUserPage(state, request);
  return { status: await getPersonalFeedStatus(state.services.database.db, state.services.clock, state.actor) };
}

/** Issues a new secret URL (shown once; the old one stops working), or revokes the current one. */
export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  requireUserPage(state, request);
  const form = await request.formData();
  const { db } = state.services.database;
  return runForm(state, form, async () => {
    if (form.get("intent") === "revoke") {
      await revokePersonalFeedToken(db, state.services.clock, state.actor);
      return { ok: true as const, url: null, revoked: true };
    }
    const token = await issuePersonalFeedToken(db, state.services.clock, state.actor);
    return { ok: true as const, url: `${state.services.env.baseUrl}/feed/personal/${token}`, revoked: false };
  });
}

export default function PersonalFeed({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const url = actionData && "url" in actionData ? actionData.url : null;
  const revoked = Boolean(actionData && "revoked" in actionData && actionData.revoked);
  const { status } = loaderData;
  return (
    <section className="page narrow" aria-labelledby="feed-title">
      <h1 id="feed-title">{t("sharing.feed.personal")}</h1>
      <p className="lead">{t("sharing.feed.personalLead")}</p>
      <p className="muted">{t("sharing.feed.rules")}</p>
      {url && (
        <Notice tone="success">
          <p>{t("sharing.feed.issued")}</p>
          <p className="mono feed-url">{url}</p>
        </Notice>
      )}
      {revoked && (
        <Notice tone="success">
          <p>{t("sharing.feed.revoked")}</p>
        </Notice>
      )}
      {!url && status && !status.expired && <p>{t("sharing.feed.hasToken")}</p>}
      {!url && status?.expired && <p className="error-text">{t("sharing.feed.expired")}</p>}
      {status && (
        <p className="muted">
          {t("sharing.feed.status", {
            created: formatDateTime(status.createdAt, locale),
            lastUsed: status.lastUsedAt ? formatDateTime(status.lastUsedAt, locale) : t("sharing.feed.neverUsed"),
            expires: formatDateTime(status.expiresAt, locale),
          })}
        </p>
      )}
      <Form method="post">
        <div className="actions">
          <SubmitButton name="intent" value="issue">
            {status || url ? t("sharing.feed.reissue") : t("sharing.feed.issue")}
          </SubmitButton>
          {status && (
            <SubmitButton name="intent" value="revoke" className="button button--secondary">
              {t("sharing.feed.revoke")}
            </SubmitButton>
          )}
        </div>
      </Form>
    </section>
  );
}
