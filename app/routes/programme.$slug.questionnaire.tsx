import { Link } from "react-router";
import type { Route } from "./+types/programme.$slug.questionnaire";
import { formatFiscalYear } from "#i18n/dates.ts";
import { compareProgrammeQuestionnaires } from "#core/programme/compare-programme-questionnaires.ts";
import { programmeDepsFrom } from "#core/programme/deps.ts";
import { TableWrap } from "../components/table-wrap.tsx";
import { stateOf } from "../context.ts";
import { orRespond, requireUserPage } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = () => [{ title: "アンケートの比較 · Chiiki" }];

/** `?fiscalYear=2020`: the standard questionnaire compared across the programme's communities. */
export async function loader({ context, request, params, url }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireUserPage(state, request);
  return orRespond(state, request, () =>
    compareProgrammeQuestionnaires(
      programmeDepsFrom(state.services),
      actor,
      params.slug!,
      { fiscalYear: url.searchParams.get("fiscalYear") ?? "" },
      state.locale,
    ),
  );
}

const shown = (count: number | null, percent: number | null) =>
  count === null ? "＊" : `${percent ?? "—"}% (${count})`;

export default function ProgrammeQuestionnaire({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { programme, fiscalYear, questions } = loaderData;
  const names = new Map(programme.communities.map((c) => [c.id, c.name]));
  return (
    <section className="page" aria-labelledby="questionnaire-title">
      <p>
        <Link to={`/programme/${programme.slug}?fiscalYear=${fiscalYear}`}>{programme.name}</Link>
      </p>
      <h1 id="questionnaire-title">
        {t("programme.questionnaireTitle")} — {formatFiscalYear(fiscalYear, locale)}
      </h1>
      <p className="lead">{t("programme.questionnaireLead")}</p>
      <p className="muted">{t("programme.hiddenNote")}</p>
      {questions.map((q) => {
        const notAsked = programme.communities.filter((c) => !q.askedBy.includes(c.id)).map((c) => c.name);
        const heading = `${q.number} ${q.title}`;
        return (
          <section key={q.code} aria-labelledby={`q-${q.code}`}>
            <h2 id={`q-${q.code}`}>{heading}</h2>
            <p className="muted">
              {q.askedBy.length === 0
                ? t("programme.notAsked")
                : notAsked.length
                  ? t("programme.report.askedByOnly", {
                      askedBy: q.askedBy.map((id) => names.get(id) ?? id).join(locale === "ja" ? "、" : ", "),
                      notAsked: notAsked.join(locale === "ja" ? "、" : ", "),
                    })
                  : t("programme.report.askedByAll")}
              {q.notComparable === "own-rows" && ` ${t("programme.ownRows")}`}
              {q.notComparable === "text" && ` ${t("programme.textNotCompared")}`}
            </p>
            {q.byCommunity && (
              <TableWrap label={heading}>
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("programme.sheet.community")}</th>
                      <th scope="col" className="num">
                        {t("programme.report.base")}
                      </th>
                      {(q.byCommunity.groups[0]?.result.choices.length
                        ? q.byCommunity.groups[0].result.choices
                        : []
                      ).map((c) => (
                        <th scope="col" className="num" key={c.value}>
                          {c.label}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {q.byCommunity.groups.flatMap((g) =>
                      g.result.rows.length
                        ? g.result.rows.map((r) => (
                            <tr key={`${g.value}-${r.value}`}>
                              <th scope="row">
                                {g.label} · {r.label}
                              </th>
                              <td className="num">{r.base ?? "＊"}</td>
                              {r.columns.map((c) => (
                                <td className="num" key={c.value}>
                                  {c.label}: {shown(c.count, c.percent)}
                                </td>
                              ))}
                            </tr>
                          ))
                        : [
                            <tr key={g.value}>
                              <th scope="row">{g.label}</th>
                              <td className="num">{g.result.base ?? "＊"}</td>
                              {g.result.choices.map((c) => (
                                <td className="num" key={c.value}>
                                  {shown(c.count, c.percent)}
                                </td>
                              ))}
                            </tr>,
                          ],
                    )}
                  </tbody>
                </table>
              </TableWrap>
            )}
          </section>
        );
      })}
    </section>
  );
}
