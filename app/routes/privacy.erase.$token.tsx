import { Form, redirect } from "react-router";
import type { Route } from "./+types/privacy.erase.$token";
import { confirmErasureLink } from "#core/privacy/confirm-erasure-link.ts";
import { privacyDepsFrom } from "#core/privacy/deps.ts";
import { openErasureLink } from "#core/privacy/open-erasure-link.ts";
import { formatDateTime } from "#i18n/dates.ts";
import { failureOf, FormError, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { orRespond, runForm } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = () => [
  { title: "お預かりしている情報 · Chiiki" },
  { name: "robots", content: "noindex" },
];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  return orRespond(state, request, () => openErasureLink(privacyDepsFrom(state.services), params.token));
}

/** Erases, then leaves the used link (its loader would answer 410 now) for the request page's notice. */
export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const { ref } = await confirmErasureLink(privacyDepsFrom(state.services), params.token);
    return redirect(`/privacy?erased=${encodeURIComponent(ref.slice(1))}`);
  });
}

export default function ErasureLink({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const failure = failureOf(actionData);
  const s = loaderData;
  const count = (n: number) => t("privacy.link.count", { count: n });
  return (
    <section className="page narrow" aria-labelledby="erasure-title">
      <h1 id="erasure-title">{t("privacy.link.title")}</h1>
      <p className="lead">{t("privacy.link.lead", { email: s.email })}</p>
      <FormError failure={failure} />
      <dl className="facts">
        <dt>{t("privacy.link.names")}</dt>
        <dd>{s.names.join("、") || t("privacy.link.noRegistrations")}</dd>
        <dt>{t("privacy.link.registrations")}</dt>
        <dd>
          {s.registrations.length === 0 ? (
            t("privacy.link.noRegistrations")
          ) : (
            <ul>
              {s.registrations.map((r, i) => (
                <li key={i}>
                  {r.event}（{formatDateTime(r.startsAt, locale)}）
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t("privacy.link.surveys")}</dt>
        <dd>{count(s.surveyInvitations)}</dd>
        <dt>{t("privacy.link.mailings")}</dt>
        <dd>{count(s.mailings)}</dd>
        <dt>{t("privacy.link.mails")}</dt>
        <dd>{count(s.mails)}</dd>
        <dt>{t("privacy.link.registry")}</dt>
        <dd>{count(s.registryRecords)}</dd>
      </dl>
      <p>{t("privacy.link.effect")}</p>
      <p>{t("privacy.link.expires", { at: formatDateTime(s.expiresAt, locale) })}</p>
      <Form method="post">
        <div className="actions">
          <SubmitButton className="button button--danger">{t("privacy.link.submit")}</SubmitButton>
        </div>
      </Form>
    </section>
  );
}
