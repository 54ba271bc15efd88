import { Link } from "react-router";
import type { Route } from "./+types/programme.$slug._index";
import { fiscalYearOf, formatFiscalYear } from "#i18n/dates.ts";
import { createTranslate } from "#i18n/index.ts";
import { programmeDepsFrom } from "#core/programme/deps.ts";
import { getProgrammeKpis } from "#core/programme/get-programme-kpis.ts";
import { TableWrap } from "../components/table-wrap.tsx";
import { stateOf } from "../context.ts";
import { orRespond, requireUserPage } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = () => [{ title: "プログラムの取組状況 · Chiiki" }];

/** `?fiscalYear=2020`: the programme's key figures, a row per community (aggregates only). */
export async function loader({ context, request, params, url }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireUserPage(state, request);
  const current = fiscalYearOf(state.services.clock.now());
  const fiscalYear = url.searchParams.get("fiscalYear") ?? String(current);
  const { programme, table } = await orRespond(state, request, () =>
    getProgrammeKpis(programmeDepsFrom(state.services), actor, params.slug!, { fiscalYear }, state.locale),
  );
  // Headings in the reader's language, from the one column list (core/programme/kpis.ts).
  const t = createTranslate(state.locale);
  const columns = table.columns.map((c) => ({ key: c.key, group: c.group, label: c.label(t) }));
  return { programme, table: { ...table, columns }, years: Array.from({ length: 8 }, (_, i) => current - i) };
}

export default function ProgrammeKpis({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { programme, table, years } = loaderData;
  const year = table.fiscalYear;
  const groups = [...new Set(table.columns.map((c) => c.group))];
  const cell = (row: (typeof table.rows)[number], key: string) =>
    row.hidden.includes(key) ? "＊" : (row.values[key] ?? "—");
  return (
    <section className="page" aria-labelledby="programme-title">
      <h1 id="programme-title">
        {programme.name} — {formatFiscalYear(year, locale)}
      </h1>
      <p className="lead">{t("programme.kpiLead", { n: programme.communities.length })}</p>
      <nav aria-label={t("programme.years")} className="report-years">
        <ul className="year-links">
          {years.map((y) => (
            <li key={y}>
              {y === year ? (
                <strong aria-current="page">{formatFiscalYear(y, locale)}</strong>
              ) : (
                <Link to={`?fiscalYear=${y}`}>{formatFiscalYear(y, locale)}</Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
      <p>
        <Link to={`/programme/${programme.slug}/questionnaire?fiscalYear=${year}`}>
          {t("programme.toQuestionnaire")}
        </Link>
        {" · "}
        <Link reloadDocument to={`/programme/${programme.slug}/kpis?fromYear=${year}`} download>
          {t("programme.downloadXlsx")}
        </Link>
        {" · "}
        <Link reloadDocument to={`/programme/${programme.slug}/report?fiscalYear=${year}&format=docx`} download>
          {t("programme.downloadDocx")}
        </Link>
        {" · "}
        <Link reloadDocument to={`/programme/${programme.slug}/report?fiscalYear=${year}&format=pdf`} download>
          {t("programme.downloadPdf")}
        </Link>
        {" · "}
        <Link to={`/programme/${programme.slug}/audit`}>{t("programme.audit.link")}</Link>
      </p>
      <p className="muted">{t("programme.hiddenNote")}</p>
      {groups.map((group) => {
        const columns = table.columns.filter((c) => c.group === group);
        const caption = t(`programme.group.${group}` as Parameters<typeof t>[0]);
        const communities = [...table.rows, table.total];
        // A figure per row and a community per column: a phone shows a few communities side by side.
        return (
          <TableWrap key={group} label={caption}>
            <table className="data-table">
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("programme.figure")}</th>
                  {communities.map((row) => (
                    <th
                      scope="col"
                      className={row.communityId ? "num" : "num total-column"}
                      key={row.communityId ?? "total"}
                    >
                      {row.communityId ? row.communityName : t("programme.sheet.total", { name: row.communityName })}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {columns.map((c) => (
                  <tr key={c.key}>
                    <th scope="row">{c.label}</th>
                    {communities.map((row) => (
                      <td className={row.communityId ? "num" : "num total-column"} key={row.communityId ?? "total"}>
                        {cell(row, c.key)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        );
      })}
    </section>
  );
}
