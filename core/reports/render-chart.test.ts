import { describe, expect, it } from "vitest";
import { PNG } from "pngjs";
import { chartHeight, outlineTexts, renderChartPng, renderChartSvg } from "./render-chart.ts";
import type { ChartSpec } from "./report-model.ts";

const bar: ChartSpec = {
  kind: "bar",
  categories: ["情報通信業", "製造業"],
  percents: [78.6, 3.6],
  counts: [22, 1],
  base: 28,
};

describe("charts", () => {
  it("turns every label into glyph outlines, placed by its anchor and baseline", () => {
    const outlined = outlineTexts(
      '<svg><text dominant-baseline="central" text-anchor="end" style="font-size:10px;" transform="translate(50 20)" fill="#333">情報 &amp; 通信</text></svg>',
    );
    expect(outlined).not.toContain("<text");
    // Five glyphs with outlines (the two spaces have none), ending at x = 0 (anchor end): 4 ideographs of
    // 1000 units and "&" and two spaces of their own widths, at 10 px / 1000 units.
    expect(outlined.match(/<path /g)).toHaveLength(5);
    const [, x, y] = /translate\((-[\d.]+) ([\d.]+)\) scale\(0\.01 -0\.01\)/.exec(outlined)!;
    expect(Number(x)).toBeLessThan(-40);
    expect(Number(y)).toBeCloseTo(4.36, 2); // the middle of the em box sits on the line
    expect(outlined).toContain('fill="#333"');
  });

  it("draws each choice's bar as long as its percent, in question order, labelled with the figure", () => {
    const spec: ChartSpec = {
      ...bar,
      categories: ["情報通信業", "製造業", "卸売業、小売業"],
      percents: [78.6, 3.6, 40],
    };
    const svg = renderChartSvg(spec);
    const axis = percentAxis(svg);
    const bars = barsOf(svg);
    expect(bars.map((b) => b.index)).toEqual([0, 1, 2]);
    for (const [i, b] of bars.entries()) {
      expectNear(b.x, axis.zero);
      expectNear(b.width, (spec.percents[i]! / 100) * axis.width);
    }
    // Top to bottom in the question's order, one band each, none overlapping.
    expect(bars[0]!.y + bars[0]!.height).toBeLessThanOrEqual(bars[1]!.y);
    expect(bars[1]!.y + bars[1]!.height).toBeLessThanOrEqual(bars[2]!.y);
    expect(labelsOf(svg)).toEqual(expect.arrayContaining(["78.6%", "3.6%", "40%", ...spec.categories]));
  });

  it("draws a matrix row's segments side by side, each as wide as its column's share, filling the row", () => {
    const matrix: ChartSpec = {
      kind: "stacked-100",
      columns: ["役立った", "やや役立った", "役立たなかった"],
      rows: [
        { label: "講演1", base: 10, percents: [50, 30, 20] },
        { label: "講演2", base: 10, percents: [10, 60, 30] },
      ],
    };
    const svg = renderChartSvg(matrix);
    const axis = percentAxis(svg);
    const bars = barsOf(svg);
    for (const [r, row] of matrix.rows.entries()) {
      const segments = bars.filter((b) => b.index === r).sort((a, b) => a.series - b.series);
      expect(segments).toHaveLength(3);
      let x = axis.zero;
      for (const [c, segment] of segments.entries()) {
        expectNear(segment.x, x);
        expectNear(segment.width, (row.percents[c]! / 100) * axis.width);
        x = segment.x + segment.width;
      }
      expectNear(x, axis.zero + axis.width);
    }
    // One colour per column, the same in every row and in the legend.
    const colours = [0, 1, 2].map((c) => new Set(bars.filter((b) => b.series === c).map((b) => b.fill)));
    expect(colours.map((set) => set.size)).toEqual([1, 1, 1]);
    expect(new Set(colours.map((set) => [...set][0])).size).toBe(3);
    expect(labelsOf(svg)).toEqual(expect.arrayContaining([...matrix.columns, "講演1", "講演2"]));
  });

  it("renders a bar chart to an opaque PNG at twice its size, whose bars are as long as the data says", () => {
    expect(outlineTexts(renderChartSvg(bar))).not.toContain("<text");
    const { png, width, height } = renderChartPng(bar);
    const image = PNG.sync.read(png);
    expect([image.width, image.height]).toEqual([2 * width, 2 * height]);
    expect(height).toBe(chartHeight(bar));
    expect(png[25]).toBe(2); // colour type RGB: no alpha channel for pdfkit to split
    // Along the middle of each bar's band, the run of bar-coloured pixels starts at the axis and is
    // the bar's percent of the axis long (at 2×, give or take the anti-aliased edge pixels).
    const svg = renderChartSvg(bar);
    const axis = percentAxis(svg);
    const [r, g, b] = [0x1f, 0x5f, 0xa8];
    for (const [i, drawn] of barsOf(svg).entries()) {
      const row = Math.round(2 * (drawn.y + drawn.height / 2));
      const coloured: number[] = [];
      for (let x = 0; x < image.width; x++) {
        const at = (row * image.width + x) * 4;
        const [pr, pg, pb] = [image.data[at]!, image.data[at + 1]!, image.data[at + 2]!];
        if (Math.abs(pr - r) + Math.abs(pg - g) + Math.abs(pb - b) < 30) coloured.push(x);
      }
      const expected = 2 * (bar.percents[i]! / 100) * axis.width;
      expect(coloured.length).toBeGreaterThanOrEqual(expected - 2);
      expect(coloured.length).toBeLessThanOrEqual(expected + 2);
      expect(Math.abs(coloured[0]! - 2 * axis.zero)).toBeLessThanOrEqual(2);
      // One unbroken run: nothing of the bar's colour elsewhere on that line.
      expect(coloured.at(-1)! - coloured[0]! + 1).toBe(coloured.length);
    }
  });
});

/** The bars ECharts drew: one `M x y l w 0 l 0 h …Z` path per data point, tagged with its series and index. */
function barsOf(svg: string) {
  const bars = [];
  for (const [path] of svg.matchAll(/<path [^>]*ecmeta_ssr_type="chart"[^>]*>/g)) {
    const attribute = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(path)?.[1];
    const [x, y, width, height] = /^M([\d.-]+) ([\d.-]+)l([\d.-]+) 0l0 ([\d.-]+)/
      .exec(attribute("d")!)!
      .slice(1)
      .map(Number);
    bars.push({
      series: Number(attribute("ecmeta_series_index")),
      index: Number(attribute("ecmeta_data_index")),
      fill: attribute("fill"),
      x: x!,
      y: y!,
      width: width!,
      height: height!,
    });
  }
  return bars;
}

/** Where 0 % and 100 % are: the first and last vertical grid lines of the percent axis. */
function percentAxis(svg: string) {
  const lines = [...svg.matchAll(/<path d="M([\d.]+) [\d.]+L([\d.]+) [\d.]+"[^>]*stroke="#ddd"/g)].map((m) =>
    Number(m[1]),
  );
  expect(lines.length).toBeGreaterThan(2);
  const zero = Math.min(...lines);
  return { zero, width: Math.max(...lines) - zero };
}

/** Within a pixel: ECharts moves one-pixel grid lines by half a pixel to keep them sharp. */
function expectNear(actual: number, expected: number) {
  expect(Math.abs(actual - expected), `${actual} ≈ ${expected}`).toBeLessThanOrEqual(1);
}

function labelsOf(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
}
