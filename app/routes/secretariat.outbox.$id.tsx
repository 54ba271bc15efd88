import { Link } from "react-router";
import type { Route } from "./+types/secretariat.outbox.$id";
import { getOutboxMessage } from "#core/mail/get-outbox-message.ts";
import { formatDateTime } from "#i18n/dates.ts";
import { OutboxStatusBadge } from "../components/outbox-status.tsx";
import { stateOf } from "../context.ts";
import { orRespond, requireSecretariatPage } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.message.subject ?? "送信メール"} · Chiiki` },
];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  return {
    message: await orRespond(state, request, () => getOutboxMessage(state.services.database.db, actor, params.id)),
  };
}

/** Plain text with its http(s) URLs as links, so a sign-in link in a mail can be followed. */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"']+)/g);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} rel="noreferrer">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}

export default function OutboxMessage({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const m = loaderData.message;
  const extra = Object.entries(m.headers);
  return (
    <section className="page" aria-labelledby="message-title">
      <p>
        <Link to="/secretariat/outbox">{t("outbox.backToList")}</Link>
      </p>
      <h1 id="message-title">{m.subject}</h1>
      <dl className="facts">
        <dt>{t("outbox.to")}</dt>
        <dd className="mono">{m.to}</dd>
        <dt>{t("common.status")}</dt>
        <dd>
          <OutboxStatusBadge status={m.status} />
        </dd>
        <dt>{t("outbox.kind")}</dt>
        <dd>{m.kind === "announcement" ? t("outbox.kind.announcement") : t("outbox.kind.transactional")}</dd>
        <dt>{t("outbox.createdAt")}</dt>
        <dd>{formatDateTime(m.createdAt, locale)}</dd>
        {m.sentAt && (
          <>
            <dt>{t("outbox.sentAt")}</dt>
            <dd>{formatDateTime(m.sentAt, locale)}</dd>
          </>
        )}
        {m.status === "pending" && m.attempts > 0 && (
          <>
            <dt>{t("outbox.nextAttemptAt")}</dt>
            <dd>{formatDateTime(m.nextAttemptAt, locale)}</dd>
          </>
        )}
        <dt>{t("outbox.attempts")}</dt>
        <dd>{m.attempts}</dd>
        {m.lastError && (
          <>
            <dt>{t("outbox.lastError")}</dt>
            <dd className="error-text">{m.lastError}</dd>
          </>
        )}
        <dt>{t("outbox.messageId")}</dt>
        <dd className="mono">{m.messageId}</dd>
        {extra.length > 0 && (
          <>
            <dt>{t("outbox.extraHeaders")}</dt>
            <dd>
              <ul className="plain-list mono">
                {extra.map(([k, v]) => (
                  <li key={k}>
                    {k}: {v}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      <h2>{t("outbox.body")}</h2>
      <pre className="mail" data-testid="mail-body">
        <Linkified text={m.textBody} />
      </pre>
    </section>
  );
}
