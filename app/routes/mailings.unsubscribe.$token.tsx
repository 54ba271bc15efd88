import { Form } from "react-router";
import type { Route } from "./+types/mailings.unsubscribe.$token";
import { unsubscribe, unsubscribeAddress } from "#core/mailings/unsubscribe.ts";
import { Notice, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { orRespond, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { sharingDepsFrom } from "#core/sharing/deps.ts";

export const meta: Route.MetaFunction = () => [{ title: "配信停止 · Chiiki" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  return {
    email: await orRespond(state, request, async () =>
      unsubscribeAddress(sharingDepsFrom(state.services), params.token),
    ),
  };
}

/** The page's button, and RFC 8058 one-click (a mail client POSTs `List-Unsubscribe=One-Click` here). */
export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const form = await request.formData();
  return runForm(state, form, async () => {
    await unsubscribe(sharingDepsFrom(state.services), params.token);
    return { ok: true as const };
  });
}

export default function Unsubscribe({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const done = Boolean(actionData && "ok" in actionData && actionData.ok);
  return (
    <section className="page narrow" aria-labelledby="unsubscribe-title">
      <h1 id="unsubscribe-title">{t("mailings.unsubscribe.title")}</h1>
      {done ? (
        <Notice tone="success">
          <p>{t("mailings.unsubscribe.done", { email: loaderData.email })}</p>
        </Notice>
      ) : (
        <>
          <p>{t("mailings.unsubscribe.lead", { email: loaderData.email })}</p>
          <Form method="post">
            <div className="actions">
              <SubmitButton>{t("mailings.unsubscribe.submit")}</SubmitButton>
            </div>
          </Form>
        </>
      )}
    </section>
  );
}
