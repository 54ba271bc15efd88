/**
 * Result charts as SVG rendered on the server by ECharts (no script in the browser). They are
 * embedded as data-URI images, so the page's strict CSP (no inline styles) does not apply to
 * the SVG's own attributes; the table beside each chart carries the same figures in text.
 */
import * as echarts from "echarts";
import type { QuestionResult } from "#core/surveys/aggregate-answers.ts";

const FONT = "'Noto Sans CJK JP', 'Noto Sans JP', sans-serif";
const PALETTE = ["#0b5cad", "#4f8fd6", "#9fc3ea", "#f2b134", "#d9534f", "#8a93a3"];

function render(option: echarts.EChartsCoreOption, height: number): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: 640, height });
  chart.setOption({ animation: false, color: PALETTE, textStyle: { fontFamily: FONT, fontSize: 12 }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

const short = (label: string) => (label.length > 22 ? `${label.slice(0, 21)}…` : label);

/** Bars of each choice's percent of the base; stacked 100% bars, one per matrix row. */
export function questionChart(q: QuestionResult): string | null {
  if (!q.base || q.kind === "items" || q.kind === "text") return null;
  if (q.kind === "grid") {
    const rows = q.rows.filter((r) => r.base);
    return render(
      {
        legend: { top: 0, type: "scroll" },
        grid: { left: 190, right: 20, top: 36, bottom: 24 },
        xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
        yAxis: { type: "category", inverse: true, data: rows.map((r) => short(r.label)) },
        series: q.rows[0]!.columns.map((column, i) => ({
          type: "bar",
          stack: "row",
          name: column.label,
          barMaxWidth: 22,
          data: rows.map((r) => r.columns[i]!.percent ?? 0),
          label: {
            show: true,
            formatter: (p: { value: number }) => (p.value >= 8 ? `${p.value}%` : ""),
            color: i < 2 ? "#fff" : "#1d2330",
          },
        })),
      },
      60 + rows.length * 30,
    );
  }
  // A long list (Q3's 48 prefectures) charts only the choices someone picked.
  const choices = q.choices.length > 15 ? q.choices.filter((c) => c.count !== 0) : q.choices;
  if (!choices.length) return null;
  return render(
    {
      grid: { left: 190, right: 60, top: 10, bottom: 24 },
      xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      yAxis: { type: "category", inverse: true, data: choices.map((c) => short(c.label)) },
      series: [
        {
          type: "bar",
          barMaxWidth: 20,
          data: choices.map((c) => c.percent ?? 0),
          label: { show: true, position: "right", formatter: "{c}%" },
        },
      ],
    },
    40 + choices.length * 26,
  );
}
