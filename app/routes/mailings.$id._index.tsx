import { Form, Link } from "react-router";
import type { Route } from "./+types/mailings.$id._index";
import { approveMailing, cancelMailing, submitMailing } from "#core/mailings/approve-mailing.ts";
import { confirmLateMailing } from "#core/mailings/confirm-late-mailing.ts";
import { getMailingProgress } from "#core/mailings/get-mailing-progress.ts";
import { isMoving } from "#core/mailings/mailing-phase.ts";
import { resendMailing } from "#core/mailings/resend-mailing.ts";
import { mailingSettings } from "#core/mailings/mailing-settings.ts";
import { previewMailing, sendTestMailing } from "#core/mailings/preview-mailing.ts";
import { failureOf, Field, FormError, Notice, SubmitButton } from "../components/form.tsx";
import { TableWrap } from "../components/table-wrap.tsx";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { orRespond, requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { formatDateTime } from "#i18n/dates.ts";
import { sharingDepsFrom } from "#core/sharing/deps.ts";

/** While a mailing is sending, the page refreshes itself: live progress without JavaScript. */
export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.mailing.subject ?? ""} · Chiiki` },
  ...(loaderData?.live ? [{ httpEquiv: "refresh", content: "5" } as const] : []),
];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const user = requireSecretariatPage(state, request);
  const url = new URL(request.url);
  const index = Number(url.searchParams.get("r") ?? 0) || 0;
  // WCAG 2.2.1: whoever finds the refresh in the way can turn it off.
  const refreshOff = url.searchParams.get("refresh") === "off";
  return orRespond(state, request, async () => {
    const { mailing, progress, phase, recipients } = await getMailingProgress(
      state.services.database.db,
      state.actor,
      params.id,
      { now: state.services.clock.now() },
    );
    const preview =
      mailing.status === "draft" || mailing.status === "awaiting-approval" || mailing.status === "approved"
        ? await previewMailing(sharingDepsFrom(state.services), state.actor, params.id, index)
        : null;
    const settings = await mailingSettings(state.services.database.db);
    // The page follows the worker by itself while the mailing moves on without anyone's action.
    const live = !refreshOff && isMoving(phase);
    return {
      mailing,
      progress,
      phase,
      recipients,
      preview,
      live,
      secondApproval: settings.secondApproval,
      mine: mailing.requestedBy === user.userId,
    };
  });
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  requireSecretariatPage(state, request);
  const form = await request.formData();
  const deps = sharingDepsFrom(state.services);
  return runForm(state, form, async () => {
    switch (form.get("intent")) {
      case "test":
        return { ok: true as const, done: "test", to: (await sendTestMailing(deps, state.actor, params.id)).to };
      case "submit":
        await submitMailing(deps, state.actor, params.id, { scheduledAt: "", ...formInput(form) });
        return { ok: true as const, done: "submitted" };
      case "approve":
        await approveMailing(deps, state.actor, params.id);
        return { ok: true as const, done: "approved" };
      case "cancel":
        await cancelMailing(deps, state.actor, params.id);
        return { ok: true as const, done: "cancelled" };
      case "confirm-late":
        await confirmLateMailing(deps, state.actor, params.id);
        return { ok: true as const, done: "confirmed" };
      case "resend":
        return { ok: true as const, done: "resent", count: (await resendMailing(deps, state.actor, params.id)).queued };
      default:
        return { ok: true as const, done: null };
    }
  });
}

export default function MailingPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { mailing, progress, phase, recipients, preview, live, mine, secondApproval } = loaderData;
  const failure = failureOf(actionData);
  const done = actionData && "done" in actionData ? actionData.done : null;
  const percent = progress.total
    ? Math.round((100 * (progress.sent + progress.failed + progress.skipped)) / progress.total)
    : 0;
  return (
    <section className="page" aria-labelledby="mailing-title">
      <h1 id="mailing-title">{mailing.subject}</h1>
      <p className="lead">
        <span className={`badge badge--${phase}`}>{t(`mailings.phase.${phase}`)}</span> ·{" "}
        {t(`mailings.audience.${mailing.audience.kind}`)}
        {mailing.scheduledAt && (
          <>
            {" "}
            · {t("mailings.scheduledAt")}:{" "}
            <time dateTime={mailing.scheduledAt}>{formatDateTime(mailing.scheduledAt, locale)}</time>
          </>
        )}
      </p>
      <p>
        {mailing.subjectEn ? (
          <>
            {t("mailings.languages.both")} <span lang="en">{mailing.subjectEn}</span>
          </>
        ) : (
          t("mailings.languages.ja")
        )}
      </p>
      {done === "test" && actionData && "to" in actionData && (
        <Notice tone="success">
          <p>{t("mailings.testSent", { to: String(actionData.to) })}</p>
        </Notice>
      )}
      {done === "resent" && actionData && "count" in actionData && (
        <Notice tone="success">
          <p>{t("mailings.done.resent", { count: Number(actionData.count) })}</p>
        </Notice>
      )}
      {done && done !== "test" && done !== "resent" && (
        <Notice tone="success">
          <p>{t(`mailings.done.${done as "submitted" | "approved" | "cancelled" | "confirmed"}`)}</p>
        </Notice>
      )}
      {phase === "overdue" && mailing.scheduledAt && (
        <Notice tone="error">
          <p>{t("mailings.overdue", { at: formatDateTime(mailing.scheduledAt, locale) })}</p>
          <Form method="post" className="mailing-step">
            <SubmitButton name="intent" value="confirm-late">
              {t("mailings.confirmLate")}
            </SubmitButton>
          </Form>
        </Notice>
      )}
      <FormError failure={failure} />

      {preview && (
        <section aria-labelledby="mailing-preview">
          <h2 id="mailing-preview">{t("mailings.preview", { count: preview.count })}</h2>
          {preview.message ? (
            <>
              <p>
                {t("mailings.previewFor", {
                  name: preview.recipients[preview.index]?.name ?? "",
                  email: preview.recipients[preview.index]?.email ?? "",
                })}
              </p>
              {!preview.entitled && (
                <Notice tone="error">
                  <p>{t("mailings.notEntitled")}</p>
                </Notice>
              )}
              <p className="mono" lang={preview.message.locale}>
                {preview.message.subject}
              </p>
              <pre className="mailing-preview" lang={preview.message.locale}>
                {preview.message.text}
              </pre>
              <p className="pager__links">
                {preview.index > 0 && <Link to={`?r=${preview.index - 1}`}>{t("common.previous")}</Link>}
                {preview.index + 1 < preview.count && <Link to={`?r=${preview.index + 1}`}>{t("common.next")}</Link>}
              </p>
            </>
          ) : (
            <p>{t("mailings.noRecipients")}</p>
          )}
          <Form method="post" className="mailing-step">
            <SubmitButton name="intent" value="test" className="button button--secondary">
              {t("mailings.sendTest")}
            </SubmitButton>
          </Form>
        </section>
      )}

      {mailing.status === "draft" && (
        <Form method="post" className="mailing-step">
          <Field
            name="scheduledAt"
            type="datetime-local"
            label={t("mailings.scheduledAt")}
            hint={t("mailings.scheduledAtHint")}
            failure={failure}
          />
          <p className="field__hint">{secondApproval ? t("mailings.needsSecond") : t("mailings.noSecond")}</p>
          <div className="actions">
            <SubmitButton name="intent" value="submit">
              {t("mailings.submit")}
            </SubmitButton>
          </div>
        </Form>
      )}
      {mailing.status === "awaiting-approval" &&
        (mine ? (
          <p>{t("mailings.waitingForSecond")}</p>
        ) : (
          <Form method="post" className="mailing-step">
            <div className="actions">
              <SubmitButton name="intent" value="approve">
                {t("mailings.approve")}
              </SubmitButton>
            </div>
          </Form>
        ))}
      {["draft", "awaiting-approval", "approved"].includes(mailing.status) && (
        <Form method="post" className="mailing-step">
          <SubmitButton name="intent" value="cancel" className="button button--danger">
            {t("mailings.cancel")}
          </SubmitButton>
        </Form>
      )}

      {mailing.status === "sent" && progress.failed > 0 && (
        <Form method="post" className="mailing-step">
          <p className="field__hint">{t("mailings.resendHint")}</p>
          <SubmitButton name="intent" value="resend" className="button button--secondary">
            {t("mailings.resend", { count: progress.failed })}
          </SubmitButton>
        </Form>
      )}
      {progress.total > 0 && (
        <section aria-labelledby="mailing-progress">
          <h2 id="mailing-progress">{t("mailings.progress")}</h2>
          <progress
            className="progress"
            max={progress.total}
            value={progress.sent + progress.failed + progress.skipped}
            aria-label={t("mailings.progress")}
          >
            {percent}%
          </progress>
          <p role="status">
            {t("mailings.progressText", {
              sent: progress.sent,
              failed: progress.failed,
              skipped: progress.skipped,
              waiting: progress.waiting,
              total: progress.total,
            })}
          </p>
          {live && (
            <p className="muted">
              {t("mailings.refreshing")}{" "}
              <Link to="?refresh=off" reloadDocument>
                {t("mailings.refreshOff")}
              </Link>
            </p>
          )}
          <TableWrap label={t("mailings.progress")}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("mailings.recipient")}</th>
                  <th scope="col">{t("common.status")}</th>
                </tr>
              </thead>
              <tbody>
                {recipients.map((r) => (
                  <tr key={r.email}>
                    <td className="wrap">
                      {r.name} &lt;{r.email}&gt;{r.organisationName ? ` · ${r.organisationName}` : ""}
                    </td>
                    <td>
                      {t(`mailings.recipientStatus.${r.status as "pending"}`)}
                      {r.error ? ` (${r.error})` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      )}
      <p>
        <Link to="/mailings">{t("mailings.back")}</Link>
      </p>
    </section>
  );
}
