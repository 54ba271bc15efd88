import { Link } from "react-router";
import type { Route } from "./+types/reports.$fy._index";
import { reportsDepsFrom } from "#core/reports/deps.ts";
import { assembleAnnualReport } from "#core/reports/assemble-annual-report.ts";
import { renderChartSvg } from "#core/reports/render-chart.ts";
import {
  type AnnualReport,
  type Block,
  chartBlocks,
  headingText,
  type ReportSection,
} from "#core/reports/report-model.ts";
import { Notice } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { orRespond, requireSecretariatPage } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { TableWrap } from "../components/table-wrap.tsx";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.report.fiscalYearLabel ?? ""} 事業実施報告書 · Chiiki` },
];

/** The print-ready preview: the same tree the DOCX and PDF are made from; charts as SVG images. */
export async function loader({ context, request, params, url }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const report = await orRespond(state, request, () =>
    assembleAnnualReport(reportsDepsFrom(state.services), actor, { fiscalYear: params.fy }),
  );
  const charts = Object.fromEntries(
    chartBlocks(report).map((c) => [
      c.id,
      `data:image/svg+xml;base64,${Buffer.from(renderChartSvg(c.chart)).toString("base64")}`,
    ]),
  );
  return { report, charts, saved: url.searchParams.has("saved") };
}

function BlockView({ block, charts }: { block: Block; charts: Record<string, string> }) {
  const t = useT();
  switch (block.kind) {
    case "paragraph":
    case "narrative":
      return (
        <>
          {block.text.split("\n").map((line, i) => (
            <p key={i} className={block.kind === "narrative" ? "report-narrative" : undefined}>
              {line}
            </p>
          ))}
        </>
      );
    case "missing":
      return <p className="report-missing">{block.text}</p>;
    case "labelled":
      return (
        <p>
          <strong>{block.label}</strong> {block.text}
        </p>
      );
    case "list":
      return (
        <ul className="report-list">
          {block.items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      );
    case "table":
      return (
        // A table wider than a phone scrolls; the keyboard must reach it too.
        <TableWrap label={block.caption || block.header.join(" / ") || block.rows[0]?.[0] || ""}>
          <table className="report-table">
            {block.caption && <caption>{block.caption}</caption>}
            {block.header.length > 0 && (
              <thead>
                <tr>
                  {block.header.map((h, i) => (
                    <th key={i} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
            )}
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) =>
                    block.keyColumn && c === 0 ? (
                      <th key={c} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={c}>{cell}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      );
    case "chart":
      return (
        <figure className="report-chart">
          <img src={charts[block.id]} alt={t("reports.chartAlt", { caption: block.caption })} />
          <figcaption>{block.caption}</figcaption>
        </figure>
      );
  }
}

function SectionView({ section, charts }: { section: ReportSection; charts: Record<string, string> }) {
  const Heading = `h${section.level + 1}` as "h2" | "h3" | "h4";
  return (
    <section id={section.id} className={`report-section report-section--${section.level}`}>
      <Heading>{headingText(section)}</Heading>
      {section.blocks.map((block, i) => (
        <BlockView key={i} block={block} charts={charts} />
      ))}
      {section.sections.map((child) => (
        <SectionView key={child.id} section={child} charts={charts} />
      ))}
    </section>
  );
}

function Contents({ report }: { report: AnnualReport }) {
  const t = useT();
  return (
    <nav className="report-toc" aria-labelledby="report-toc-title">
      <h2 id="report-toc-title">{t("reports.toc")}</h2>
      <ol>
        {report.sections.map((s) => (
          <li key={s.id}>
            <a href={`#${s.id}`}>{headingText(s)}</a>
            {s.sections.length > 0 && (
              <ol>
                {s.sections.map((c) => (
                  <li key={c.id}>
                    <a href={`#${c.id}`}>{headingText(c)}</a>
                  </li>
                ))}
              </ol>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export default function ReportPreview({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { report, charts, saved } = loaderData;
  const base = `/reports/${report.fiscalYear}`;
  return (
    <article className="report" aria-labelledby="report-title" lang="ja">
      <div className="report-tools">
        {saved && <Notice tone="success">{t("reports.saved")}</Notice>}
        <div className="actions">
          <Link className="button" to={`${base}/edit`}>
            {t("reports.edit")}
          </Link>
          <a className="button button--secondary" href={`${base}/export?format=docx`} download>
            {t("reports.exportDocx")}
          </a>
          <a className="button button--secondary" href={`${base}/export?format=pdf`} download>
            {t("reports.exportPdf")}
          </a>
        </div>
        <p className="muted">{t("reports.print")}</p>
      </div>
      <header className="report-cover">
        <h1 id="report-title">
          {report.cover.title.split("\n").map((line, i) => (
            <span key={i}>{line}</span>
          ))}
        </h1>
        <p className="report-cover__date">{report.cover.issuedOnText}</p>
        <p className="report-cover__organisation">{report.cover.organisation}</p>
      </header>
      <Contents report={report} />
      {report.sections.map((s) => (
        <SectionView key={s.id} section={s} charts={charts} />
      ))}
    </article>
  );
}
