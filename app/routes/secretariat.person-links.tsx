import { Link } from "react-router";
import type { Route } from "./+types/secretariat.person-links";
import { linkPersonAccount } from "#core/community/link-person-account.ts";
import { listPersonLinkQueue } from "#core/community/list-person-link-queue.ts";
import { failureOf, Form, FormError, Notice, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { depsOf } from "./community.forms.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "アカウントと名簿の結び付け · Chiiki" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  return { queue: await listPersonLinkQueue(depsOf(state), actor) };
}

/** The secretariat confirms which registry person an account is. */
export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const linked = await linkPersonAccount(depsOf(state), actor, String(form.get("personId") ?? ""), {
      userId: form.get("userId"),
    });
    return { ok: true as const, linked };
  });
}

export default function PersonLinks({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const failure = failureOf(actionData);
  const linked = actionData && "linked" in actionData;
  return (
    <section className="page" aria-labelledby="person-links-title">
      <h1 id="person-links-title">{t("personLinks.title")}</h1>
      <p className="lead">{t("personLinks.lead")}</p>
      {linked && (
        <Notice tone="success">
          <p>{t("personLinks.linked")}</p>
        </Notice>
      )}
      <FormError failure={failure} />
      {failure?.fields.accountEmail && <p className="error-text">{failure.fields.accountEmail}</p>}
      {loaderData.queue.length === 0 ? (
        <p>{t("personLinks.empty")}</p>
      ) : (
        <ul className="card-list">
          {loaderData.queue.map((entry) => (
            <li key={entry.userId}>
              <p>
                <strong>{entry.accountName}</strong> <span className="mono">{entry.accountEmail}</span>
              </p>
              <ul className="plain-list">
                {entry.candidates.map((c) => (
                  <li key={c.personId}>
                    <Link to={`/community/people/${c.personId}`}>{c.name}</Link>
                    {c.organisationName && <span className="muted"> · {c.organisationName}</span>}
                    {c.linkedToOtherAccount ? (
                      <span className="muted"> · {t("personLinks.linkedElsewhere")}</span>
                    ) : (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="userId" value={entry.userId} />
                        <input type="hidden" name="personId" value={c.personId} />
                        <SubmitButton className="button button--secondary">
                          {t("personLinks.confirm", { name: c.name })}
                        </SubmitButton>
                      </Form>
                    )}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
