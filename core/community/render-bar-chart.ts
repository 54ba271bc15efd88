import * as echarts from "echarts";

export interface BarSeries {
  name: string;
  values: number[];
}

/**
 * A grouped bar chart as an SVG document, rendered on the server with ECharts (no script reaches
 * the browser). Japanese labels use the fonts the viewer's browser has (Noto Sans JP first).
 */
export function renderBarChartSvg(options: {
  categories: string[];
  series: BarSeries[];
  width?: number;
  height?: number;
}): string {
  const { categories, series, width = 560, height = 320 } = options;
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: "'Noto Sans JP', 'Noto Sans CJK JP', 'Hiragino Sans', sans-serif", fontSize: 16 },
      color: ["#1f5fa8", "#e0802b", "#2e7d4f", "#8a4fb3"],
      legend: { top: 0, textStyle: { fontSize: 16 } },
      grid: { left: 40, right: 16, top: 48, bottom: 36 },
      xAxis: { type: "category", data: categories, axisLabel: { interval: 0, fontSize: 18 } },
      yAxis: { type: "value", minInterval: 1 },
      series: series.map((s) => ({
        name: s.name,
        type: "bar",
        data: s.values,
        label: { show: true, position: "top", fontSize: 14 },
      })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
