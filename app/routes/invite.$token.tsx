import { isRouteErrorResponse, Link, redirect, useRouteError } from "react-router";
import type { Route } from "./+types/invite.$token";
import { describeInvitation } from "#core/accounts/accept-invitation.ts";
import { accountsDepsFrom } from "#core/accounts/deps.ts";
import { joinByInvitation } from "#core/accounts/join-by-invitation.ts";
import { isMessageKey } from "#i18n/index.ts";
import { failureOf, Form, FormError, Notice, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { orRespond, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { NewPasswordFields } from "../components/password-fields.tsx";

export const meta: Route.MetaFunction = () => [{ title: "招待の承諾 · Chiiki" }];

/**
 * Only shows the invitation: mail scanners open links in mails, so a GET must change nothing.
 * What the invitee does next depends on the address (core/accounts/accept-invitation.ts): choose
 * a password for a new account, or sign in as the existing one (password and, where enrolled,
 * the second factor) and come back here to accept. The link alone never signs anyone in.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const view = await orRespond(state, request, () =>
    describeInvitation(accountsDepsFrom(state.services), state.actor, params.token),
  );
  const signIn = `/sign-in?redirectTo=${encodeURIComponent(`/invite/${params.token}`)}`;
  return { ...view, signIn, signedInAs: state.actor.kind === "user" ? state.actor.email : null };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const deps = accountsDepsFrom(state.services);
    const { cookies } = await joinByInvitation(deps, state.actor, params.token, formInput(form), request.headers);
    throw redirect("/account?welcome=1", cookies ? { headers: cookies } : undefined);
  });
}

export default function AcceptInvitation({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const failure = failureOf(actionData);
  const role = `role.${loaderData.role}`;
  return (
    <section className="page narrow" aria-labelledby="invite-title">
      <h1 id="invite-title">{t("invite.acceptTitle")}</h1>
      <p>{t("invite.acceptLead", { name: loaderData.name, role: isMessageKey(role) ? t(role) : loaderData.role })}</p>
      <dl className="facts">
        <dt>{t("invite.acceptEmail")}</dt>
        <dd>{loaderData.email}</dd>
      </dl>
      <FormError failure={failure} />
      {loaderData.step === "new-account" && (
        <>
          <p className="lead">{t("invite.acceptHint")}</p>
          <Form method="post" noValidate>
            <NewPasswordFields failure={failure} />
            <div className="actions">
              <SubmitButton>{t("invite.acceptSubmit")}</SubmitButton>
            </div>
          </Form>
        </>
      )}
      {loaderData.step === "sign-in" && (
        <>
          <p className="lead">{t("invite.existingAccount")}</p>
          <p>
            <Link className="button" to={loaderData.signIn}>
              {t("invite.signInToAccept")}
            </Link>
          </p>
        </>
      )}
      {loaderData.step === "accept" && (
        <Form method="post">
          <div className="actions">
            <SubmitButton>{t("invite.acceptAs", { email: loaderData.email })}</SubmitButton>
          </div>
        </Form>
      )}
      {loaderData.step === "other-account" && (
        <>
          <Notice tone="error">
            <p>{t("invite.otherAccount", { email: loaderData.signedInAs ?? "" })}</p>
          </Notice>
          <Form method="post" action="/sign-out">
            <div className="actions">
              <SubmitButton className="button button--secondary">{t("nav.signOut")}</SubmitButton>
            </div>
          </Form>
        </>
      )}
    </section>
  );
}

/** Expired, used or unknown (410): say so, and where to go instead. */
export function ErrorBoundary() {
  const t = useT();
  const error = useRouteError();
  const gone = isRouteErrorResponse(error) && error.status === 410;
  return (
    <section className="page narrow" aria-labelledby="invite-title">
      <h1 id="invite-title">{t("invite.acceptTitle")}</h1>
      <Notice tone="error">
        <p>{gone ? t("error.invitation-invalid") : t("error.internal")}</p>
      </Notice>
      {gone && <p>{t("invite.invalidHint")}</p>}
      <p>
        <Link to="/sign-in">{t("signIn.title")}</Link>
      </p>
    </section>
  );
}
