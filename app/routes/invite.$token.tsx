import { data, isRouteErrorResponse, Link, redirectDocument, useRouteError } from "react-router";
import type { Route } from "./+types/invite.$token";
import { acceptInvitation, findOpenInvitation } from "#core/accounts/accept-invitation.ts";
import { magicLinkCapture } from "#core/accounts/mail-capture.ts";
import { AppError } from "#core/shared/errors.ts";
import { isMessageKey } from "#i18n/index.ts";
import { Form, Notice, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { describeError, orRespond } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = () => [{ title: "招待の承諾 · Chiiki" }];

/**
 * Only shows the invitation: mail scanners open links in mails, so a GET must change nothing.
 * The invitee accepts with the button (a POST).
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const invitation = await orRespond(state, request, () => findOpenInvitation(state.services.accounts, params.token));
  return { name: invitation.name, email: invitation.email, role: invitation.role, expiresAt: invitation.expires_at };
}

/**
 * Accepts, then signs the invitee in: Better Auth makes a magic link, which is captured instead
 * of mailed (the invitee just proved the address) and the browser is sent straight to it.
 */
export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const { services } = state;
  const { email } = await orRespond(state, request, () => acceptInvitation(services.accounts, params.token));
  const captured: { url?: string } = {};
  await magicLinkCapture.run(captured, () =>
    services.auth.api.signInMagicLink({ body: { email, callbackURL: "/account?welcome=1" }, headers: request.headers }),
  );
  if (!captured.url) throw data(describeError(new AppError("internal"), state.locale), { status: 500 });
  // A document redirect: the link is Better Auth's endpoint, not a page the client router renders.
  throw redirectDocument(captured.url, 303);
}

export default function AcceptInvitation({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const role = `role.${loaderData.role}`;
  return (
    <section className="page narrow" aria-labelledby="invite-title">
      <h1 id="invite-title">{t("invite.acceptTitle")}</h1>
      <p>{t("invite.acceptLead", { name: loaderData.name, role: isMessageKey(role) ? t(role) : loaderData.role })}</p>
      <dl className="facts">
        <dt>{t("invite.acceptEmail")}</dt>
        <dd>{loaderData.email}</dd>
      </dl>
      <p className="lead">{t("invite.acceptHint")}</p>
      <Form method="post">
        <div className="actions"><SubmitButton>{t("invite.acceptSubmit")}</SubmitButton></div>
      </Form>
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
      <Notice tone="error"><p>{gone ? t("error.invitation-invalid") : t("error.internal")}</p></Notice>
      {gone && <p>{t("invite.invalidHint")}</p>}
      <p><Link to="/sign-in">{t("signIn.title")}</Link></p>
    </section>
  );
}
