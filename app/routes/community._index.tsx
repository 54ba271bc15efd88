import { Link, redirect } from "react-router";
import { isRegistryAdmin } from "#core/community/access.ts";
import { getCommunityDashboard } from "#core/community/get-community-dashboard.ts";
import { postureKinds } from "#core/community/posture-codes.ts";
import { renderBarChartSvg } from "#core/community/render-bar-chart.ts";
import { formatDate, formatDateTime } from "#i18n/dates.ts";
import type { Route } from "./+types/community._index";
import { CountsTable, TableWrap } from "../components/table-wrap.tsx";
import { CommunityTabs, label } from "../components/community/ui.tsx";
import { stateOf } from "../context.ts";
import { orRespond, requireUserPage } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { depsOf } from "./community.forms.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "コミュニティ名簿 · Chiiki" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireUserPage(state, request);
  // Member contacts have no dashboard: their part of the registry is their organisation.
  if (!isRegistryAdmin(actor)) throw redirect("/community/organisations");
  const dashboard = await orRespond(state, request, () => getCommunityDashboard(depsOf(state), actor));
  const { t } = state;
  const svg = renderBarChartSvg({
    categories: dashboard.bySector.map((r) => t(`community.sectorShort.${r.key}` as never)),
    series: [
      { name: t("community.organisationsCount"), values: dashboard.bySector.map((r) => r.organisations) },
      { name: t("community.peopleCount"), values: dashboard.bySector.map((r) => r.people) },
      { name: t("community.qualifiedRiss"), values: dashboard.bySector.map((r) => r.riss) },
    ],
  });
  return { dashboard, chart: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

function CountTable({
  rows,
  vocabulary,
  caption,
}: {
  rows: { key: string; organisations: number; people: number; riss: number; qualified: number }[];
  vocabulary: string;
  caption: string;
}) {
  const t = useT();
  return (
    <CountsTable
      caption={caption}
      rows={rows}
      columns={[
        { heading: t("community.organisationsCount"), count: (r) => r.organisations },
        { heading: t("community.peopleCount"), count: (r) => r.people },
        { heading: t("community.qualifiedRiss"), count: (r) => r.riss },
        { heading: t("community.qualifiedAny"), count: (r) => r.qualified },
      ]}
      rowHeader={(r) => (r.key ? label(t, vocabulary, r.key) : t("community.none"))}
    />
  );
}

export default function CommunityDashboard({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { dashboard: d, chart } = loaderData;
  return (
    <section className="page" aria-labelledby="community-title">
      <CommunityTabs secretariat />
      <h1 id="community-title">{t("community.title")}</h1>
      <p className="lead">{t("community.lead")}</p>
      <p>
        {t("community.organisationsCount")} {d.totals.organisations} · {t("community.peopleCount")} {d.totals.people} ·{" "}
        {t("community.qualifiedRiss")} {d.totals.riss} · {t("community.qualifiedAny")} {d.totals.qualified}
      </p>
      <h2>{t("community.chartTitle")}</h2>
      <img className="community-chart" src={chart} width={560} height={320} alt={t("community.chartAlt")} />
      <div className="community-stats">
        <CountTable rows={d.bySector} vocabulary="sector" caption={t("community.bySector")} />
        <CountTable rows={d.byPrefecture} vocabulary="prefecture" caption={t("community.byPrefecture")} />
      </div>
      <h2>{t("community.qualifiedByOrganisation")}</h2>
      <p className="field__hint">{t("community.qualifiedHint")}</p>
      {d.qualifiedByOrganisation.length === 0 ? (
        <p>{t("common.empty")}</p>
      ) : (
        <ul className="plain-list community-list">
          {d.qualifiedByOrganisation.map((o) => (
            <li key={o.id}>
              <Link to={`/community/organisations/${o.id}`}>{o.name}</Link>{" "}
              <span className="muted">
                {t("community.qualifiedRiss")} {o.riss} · {t("community.qualifiedAny")} {o.qualified} /{" "}
                {t("community.people.count", { count: o.people })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2 id="posture-rates">
        {t("community.posture.rates", { asOf: formatDate(d.posture.asOf, locale), count: d.posture.memberSmes })}
      </h2>
      {d.posture.memberSmes === 0 ? (
        <p className="muted">{t("community.posture.ratesNone")}</p>
      ) : (
        <TableWrap label={t("community.posture.title")}>
          <table className="data-table">
            <tbody>
              {postureKinds.map((kind) => (
                <tr key={kind}>
                  <th scope="row">{t(`community.posture.kind.${kind}`)}</th>
                  <td className="num">
                    {t("community.posture.rate", { held: d.posture.held[kind], percent: d.posture.percent[kind] ?? 0 })}
                    {kind === "security-action" &&
                      ` (${t("community.posture.level.one-star")} ${d.posture.byLevel["security-action"]["one-star"]} / ${t("community.posture.level.two-star")} ${d.posture.byLevel["security-action"]["two-star"]})`}
                    {kind === "scs" &&
                      ` (${t("community.posture.level.star-3")} ${d.posture.byLevel.scs["star-3"]} / ${t("community.posture.level.star-4")} ${d.posture.byLevel.scs["star-4"]})`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <h2 id="self-check-distribution">
        {d.selfCheck.respondents === null
          ? t("community.selfCheck.titleHidden")
          : t("community.selfCheck.title", { count: d.selfCheck.respondents })}
      </h2>
      {d.selfCheck.respondents === null ? (
        <p className="muted">{t("community.selfCheck.tooFew")}</p>
      ) : (
        <>
          <TableWrap label={t("community.selfCheck.titleHidden")}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("community.selfCheck.band")}</th>
                  <th scope="col" className="num">
                    {t("community.selfCheck.organisations")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.selfCheck.bands.map((b) => (
                  <tr key={b.band}>
                    <th scope="row">{t(`community.selfCheck.band.${b.band}`)}</th>
                    <td className="num">{b.count ?? t("community.selfCheck.hidden")}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t("community.selfCheck.average")}</th>
                  <td className="num">
                    {d.selfCheck.average === null
                      ? t("community.selfCheck.hidden")
                      : t("community.selfCheck.score", { total: d.selfCheck.average.toFixed(1) })}
                  </td>
                </tr>
              </tbody>
            </table>
          </TableWrap>
          {d.selfCheck.suppressed && <p className="field__hint">{t("community.selfCheck.suppressedNote")}</p>}
        </>
      )}
      {d.rissRenewalsDue.length > 0 && (
        <>
          <h2>{t("community.renewalSoon")}</h2>
          <ul className="plain-list community-list">
            {d.rissRenewalsDue.map((r) => (
              <li key={r.personId}>
                <Link to={`/community/people/${r.personId}`}>{r.name}</Link>{" "}
                <span className="muted">
                  {r.organisationName} · {formatDate(r.renewalDueOn, locale)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t("community.upcomingMeetings")}</h2>
      {d.upcomingMeetings.length === 0 ? (
        <p>{t("common.empty")}</p>
      ) : (
        <ul className="plain-list community-list">
          {d.upcomingMeetings.map((m) => (
            <li key={m.id}>
              <Link to={`/community/meetings/${m.id}`}>{m.title}</Link>{" "}
              <span className="muted">
                {formatDateTime(m.startsAt, locale)}
                {m.groupName && ` · ${m.groupName}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2>{t("community.openDecisionsTitle")}</h2>
      {d.openDecisions.length === 0 ? (
        <p>{t("common.empty")}</p>
      ) : (
        <ul className="plain-list community-list">
          {d.openDecisions.map((x) => (
            <li key={x.id}>
              {x.text}{" "}
              <span className="muted">
                {x.owner && `· ${x.owner} `}
                {x.dueOn && `· ${t("community.field.dueOn")} ${formatDate(x.dueOn, locale)} `}·{" "}
                <Link to={`/community/meetings/${x.meetingId}`}>{x.meetingTitle}</Link>
              </span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/community/decisions">{t("community.decisions")}</Link>
      </p>
    </section>
  );
}
