import { Link } from "react-router";
import type { Route } from "./+types/surveys._index";
import { surveysDepsFrom } from "#core/surveys/deps.ts";
import { listSurveys } from "#core/surveys/list-surveys.ts";
import { formatDate } from "#i18n/dates.ts";
import { stateOf } from "../context.ts";
import { requireSecretariatPage } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { TableWrap } from "../components/table-wrap.tsx";

export const meta: Route.MetaFunction = () => [{ title: "アンケート · Chiiki" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  return listSurveys(surveysDepsFrom(state.services), actor, { limit: 200 });
}

export default function Surveys({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="page" aria-labelledby="surveys-title">
      <h1 id="surveys-title">{t("surveys.list.title")}</h1>
      <p className="lead">{t("surveys.list.lead")}</p>
      <p>
        <Link className="button" to="/surveys/new">
          {t("surveys.list.new")}
        </Link>
      </p>
      {loaderData.items.length === 0 ? (
        <p>{t("common.empty")}</p>
      ) : (
        <TableWrap label={t("surveys.table")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("surveys.field.title")}</th>
                <th scope="col">{t("common.status")}</th>
                <th scope="col">{t("surveys.list.period")}</th>
                <th scope="col">{t("surveys.list.responses")}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.items.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={`/surveys/${s.id}`}>{s.title}</Link>
                  </td>
                  <td>
                    <span className="badge">
                      {s.accepting
                        ? t("surveys.status.accepting")
                        : t(`surveys.status.${s.status as "draft" | "open" | "closed"}`)}
                    </span>
                  </td>
                  <td>
                    {s.opensAt ? formatDate(s.opensAt, locale) : "—"} 〜{" "}
                    {s.closesAt ? formatDate(s.closesAt, locale) : "—"}
                  </td>
                  <td className="num">{s.responses}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
