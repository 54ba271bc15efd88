import { data, Form, Link } from "react-router";
import type { Route } from "./+types/secretariat.audit";
import { auditActions, auditKinds, isAuditAction } from "#core/audit/audit-actions.ts";
import { listAuditEvents } from "#core/audit/list-audit-events.ts";
import { formatDateTime } from "#i18n/dates.ts";
import { Field, FormError, SelectField } from "../components/form.tsx";
import { Pager } from "../components/pager.tsx";
import { TableWrap } from "../components/table-wrap.tsx";
import { stateOf } from "../context.ts";
import { requireSecretariatPage } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { runListQuery } from "../lib/list-page.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "監査ログ · Chiiki" }];

const PAGE_SIZE = 50;
const FILTERS = ["kind", "action", "actorId", "actor", "entityType", "from", "to"] as const;

export async function loader({ context, request, url }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const { result, failure, status } = await runListQuery(state, url, (query) =>
    listAuditEvents(state.services.database.db, actor, { ...query, limit: PAGE_SIZE }),
  );
  const filters = Object.fromEntries(FILTERS.map((name) => [name, url.searchParams.get(name) ?? ""]));
  return data(
    {
      events: result ?? { items: [], total: 0, actors: [] },
      failure,
      filters,
      offset: Number(url.searchParams.get("offset")) || 0,
    },
    { status },
  );
}

function Json({ value }: { value: unknown }) {
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}

export default function Audit({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { events, filters } = loaderData;
  const failure = loaderData.failure ?? undefined;
  const filtering = Object.values(filters).some(Boolean);
  return (
    <section className="page" aria-labelledby="audit-title">
      <h1 id="audit-title">{t("audit.title")}</h1>
      <p className="lead">{t("audit.lead")}</p>
      <FormError failure={failure} />
      {/* On a phone the filters fold away until needed; open while they are in use. */}
      <details className="filter-box" open={filtering || Boolean(failure)}>
        <summary>{t("common.filter")}</summary>
        <Form method="get" className="filters" noValidate>
          <SelectField
            name="kind"
            label={t("audit.kind")}
            failure={failure}
            defaultValue={filters.kind}
            options={[
              { value: "", label: t("audit.kindAll") },
              { value: "exports", label: t("audit.kind.exports") },
              ...auditKinds.map((kind) => ({ value: kind, label: t(`audit.kind.${kind}`) })),
            ]}
          />
          <SelectField
            name="action"
            label={t("audit.action")}
            failure={failure}
            defaultValue={filters.action}
            options={[
              { value: "", label: t("audit.actionAll") },
              ...(Object.keys(auditActions) as (keyof typeof auditActions)[]).map((action) => ({
                value: action,
                label: t(`audit.action.${action}`),
              })),
            ]}
          />
          <SelectField
            name="actorId"
            label={t("audit.person")}
            failure={failure}
            defaultValue={filters.actorId}
            options={[
              { value: "", label: t("audit.personAll") },
              ...events.actors.map((a) => ({ value: a.id, label: a.label })),
            ]}
          />
          <Field
            name="actor"
            label={t("audit.actorSearch")}
            hint={t("audit.actorHint")}
            failure={failure}
            defaultValue={filters.actor}
          />
          <Field name="from" type="date" label={t("audit.from")} failure={failure} defaultValue={filters.from} />
          <Field name="to" type="date" label={t("audit.to")} failure={failure} defaultValue={filters.to} />
          <div className="actions">
            <button type="submit" className="button button--secondary">
              {t("common.filter")}
            </button>
            {filtering && <Link to="/secretariat/audit">{t("common.clear")}</Link>}
          </div>
        </Form>
      </details>
      {events.items.length === 0 ? (
        <p>{t("audit.empty")}</p>
      ) : (
        <TableWrap label={t("audit.table")}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("audit.at")}</th>
                <th scope="col">{t("audit.actor")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.entity")}</th>
                <th scope="col">{t("audit.changes")}</th>
              </tr>
            </thead>
            <tbody>
              {events.items.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.at, locale)}</td>
                  <td className="wrap">{e.actorLabel}</td>
                  <td>
                    {isAuditAction(e.action) ? t(`audit.action.${e.action}`) : e.action}
                    <br />
                    <span className="mono muted" title={t("audit.code")}>
                      {e.action}
                    </span>
                  </td>
                  <td>
                    <span className="mono">{e.entityType}</span>
                    {e.entityId && (
                      <>
                        <br />
                        <span className="mono muted">{e.entityId}</span>
                      </>
                    )}
                  </td>
                  <td className="wrap--wide">
                    {e.before !== null || e.after !== null ? (
                      <details>
                        <summary>{t("common.details")}</summary>
                        {e.before !== null && (
                          <>
                            <p className="json-title">{t("audit.before")}</p>
                            <Json value={e.before} />
                          </>
                        )}
                        {e.after !== null && (
                          <>
                            <p className="json-title">{t("audit.after")}</p>
                            <Json value={e.after} />
                          </>
                        )}
                      </details>
                    ) : (
                      t("common.none")
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pager total={events.total} limit={PAGE_SIZE} offset={loaderData.offset} />
    </section>
  );
}
