import { data, Form, Link } from "react-router";
import type { Route } from "./+types/secretariat.outbox._index";
import { listOutboxMessages, type OutboxFilter } from "#core/mail/list-outbox-messages.ts";
import { outboxStatuses } from "#core/mail/outbox-status.ts";
import { formatDateTime } from "#i18n/dates.ts";
import { FormError, SelectField } from "../components/form.tsx";
import { OutboxStatusBadge } from "../components/outbox-status.tsx";
import { Pager } from "../components/pager.tsx";
import { TableWrap } from "../components/table-wrap.tsx";
import { stateOf } from "../context.ts";
import { requireSecretariatPage } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { runListQuery } from "../lib/list-page.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "送信メール · Chiiki" }];

const PAGE_SIZE = 50;

export async function loader({ context, request, url }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const { result, failure, status } = await runListQuery(state, url, (query) =>
    // The query string is untyped; the use case's schema parses it (an unknown status is a field error).
    listOutboxMessages(state.services.database.db, actor, { ...query, limit: PAGE_SIZE } as OutboxFilter),
  );
  return data(
    {
      messages: result ?? { items: [], total: 0 },
      failure,
      offset: Number(url.searchParams.get("offset")) || 0,
      status: url.searchParams.get("status") ?? "",
    },
    { status },
  );
}

export default function Outbox({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { messages, failure } = loaderData;
  return (
    <section className="page" aria-labelledby="outbox-title">
      <h1 id="outbox-title">{t("outbox.title")}</h1>
      <p className="lead">{t("outbox.lead")}</p>
      <FormError failure={failure ?? undefined} />
      <Form method="get" className="filters filters--compact">
        <SelectField
          name="status"
          label={t("outbox.filterStatus")}
          failure={failure ?? undefined}
          defaultValue={loaderData.status}
          options={[
            { value: "", label: t("outbox.allStatuses") },
            ...outboxStatuses.map((s) => ({ value: s, label: t(`outbox.status.${s}`) })),
          ]}
        />
        <div className="actions">
          <button type="submit" className="button button--secondary">
            {t("common.filter")}
          </button>
        </div>
      </Form>
      {messages.items.length === 0 ? (
        <p>{t("outbox.empty")}</p>
      ) : (
        <TableWrap label={t("outbox.table")}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("outbox.subject")}</th>
                <th scope="col">{t("common.status")}</th>
                <th scope="col">{t("outbox.to")}</th>
                <th scope="col">{t("outbox.createdAt")}</th>
                <th scope="col">{t("outbox.attempts")}</th>
                <th scope="col">{t("outbox.lastError")}</th>
              </tr>
            </thead>
            <tbody>
              {messages.items.map((m) => (
                <tr key={m.id}>
                  <td className="wrap">
                    <Link to={`/secretariat/outbox/${m.id}`}>{m.subject}</Link>
                  </td>
                  <td>
                    <OutboxStatusBadge status={m.status} />
                  </td>
                  <td>{m.to}</td>
                  <td>{formatDateTime(m.createdAt, locale)}</td>
                  <td className="num">{m.attempts}</td>
                  <td className="wrap error-text">{m.lastError ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pager total={messages.total} limit={PAGE_SIZE} offset={loaderData.offset} />
    </section>
  );
}
