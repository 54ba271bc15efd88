import { Link } from "react-router";
import type { Route } from "./+types/programme.$slug.audit";
import { programmeDepsFrom } from "#core/programme/deps.ts";
import { listProgrammeAuditEvents } from "#core/programme/list-programme-audit-events.ts";
import { formatDateTime } from "#i18n/dates.ts";
import { TableWrap } from "../components/table-wrap.tsx";
import { stateOf } from "../context.ts";
import { orRespond, requireUserPage } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = () => [{ title: "書き出しの記録 · Chiiki" }];

/** The programme's own audit log: what its office exported (newest 100). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireUserPage(state, request);
  return orRespond(state, request, () =>
    listProgrammeAuditEvents(programmeDepsFrom(state.services), actor, params.slug!, { limit: 100 }, state.locale),
  );
}

export default function ProgrammeAudit({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { programme, items } = loaderData;
  const covering = (detail: Record<string, unknown>) =>
    typeof detail.fiscalYear === "number"
      ? [t("programme.audit.year", { year: detail.fiscalYear }), String(detail.format ?? "").toUpperCase()].join(" ")
      : detail.fromYear === detail.toYear
        ? t("programme.audit.year", { year: String(detail.fromYear) })
        : t("programme.audit.years", { from: String(detail.fromYear), to: String(detail.toYear) });
  return (
    <section className="page" aria-labelledby="programme-audit-title">
      <h1 id="programme-audit-title">{t("programme.audit.title", { name: programme.name })}</h1>
      <p className="lead">{t("programme.audit.lead")}</p>
      <p>
        <Link to={`/programme/${programme.slug}`}>{t("programme.audit.back")}</Link>
      </p>
      {items.length === 0 ? (
        <p>{t("programme.audit.empty")}</p>
      ) : (
        <TableWrap label={t("programme.audit.link")}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("programme.audit.at")}</th>
                <th scope="col">{t("programme.audit.action")}</th>
                <th scope="col">{t("programme.audit.detail")}</th>
                <th scope="col">{t("programme.audit.actor")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.at, locale)}</td>
                  <td>{t(`programme.audit.action.${e.action}`)}</td>
                  <td>{covering(e.detail)}</td>
                  <td>{e.actor}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
