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

  it("renders a bar chart to an opaque PNG at twice its size, with no text left for resvg", () => {
    expect(outlineTexts(renderChartSvg(bar))).not.toContain("<text");
    const { png, width, height } = renderChartPng(bar);
    const image = PNG.sync.read(png);
    expect([image.width, image.height]).toEqual([2 * width, 2 * height]);
    expect(height).toBe(chartHeight(bar));
    expect(png[25]).toBe(2); // colour type RGB: no alpha channel for pdfkit to split
    // Something dark was drawn (labels and bars), not an empty white image.
    let dark = 0;
    for (let i = 0; i < image.data.length; i += 4) if (image.data[i]! < 100) dark++;
    expect(dark).toBeGreaterThan(1000);
  });
});
