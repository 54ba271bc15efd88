/**
 * Charts for the report: ECharts rendered on the server to SVG (no DOM, no browser), its labels
 * turned into glyph outlines of the Noto Sans JP font files shipped by an npm package, then to
 * PNG with resvg — Japanese labels look the same on every machine and no system font is needed. Bars for choice questions (one bar per
 * choice, % of the question's base); one 100 % stacked bar per row for matrices.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { crc32, deflateSync } from "node:zlib";
import { Resvg } from "@resvg/resvg-js";
import * as echarts from "echarts";
import type { ChartSpec } from "./report-model.ts";

const require = createRequire(import.meta.url);
const fontDir = path.dirname(require.resolve("@expo-google-fonts/noto-sans-jp/package.json"));

/** The TTF files of Noto Sans JP (regular and bold) — also embedded in the PDF. */
export const notoSansJp = {
  regular: path.join(fontDir, "400Regular/NotoSansJP_400Regular.ttf"),
  bold: path.join(fontDir, "700Bold/NotoSansJP_700Bold.ttf"),
};

export const CHART_FONT_FAMILY = "Noto Sans JP";
/** resvg takes the first family (the bundled file); a browser showing the SVG falls back to its own Japanese fonts. */
const chartFontStack = `${CHART_FONT_FAMILY}, 'Noto Sans CJK JP', 'Hiragino Sans', 'Yu Gothic', sans-serif`;
export const CHART_WIDTH = 640;

/** Long Japanese labels wrap every `width` characters (ECharts does not wrap CJK by itself). */
export function wrapLabel(label: string, width = 18): string {
  const characters = [...label];
  const lines: string[] = [];
  for (let i = 0; i < characters.length; i += width) lines.push(characters.slice(i, i + width).join(""));
  return lines.join("\n");
}

const palette = ["#1f5fa8", "#5b9bd5", "#a9c4e4", "#f0a35e", "#c94f4f", "#7f7f7f"];

/** The chart's height follows its bars: label lines decide how tall a bar's band must be. */
export function chartHeight(spec: ChartSpec): number {
  const labels = spec.kind === "bar" ? spec.categories : spec.rows.map((r) => r.label);
  const lines = labels.reduce((sum, label) => sum + Math.max(1, Math.ceil([...label].length / 18)), 0);
  const legend = spec.kind === "stacked-100" ? 40 : 0;
  return Math.max(120, 40 + legend + lines * 18 + labels.length * 12);
}

function optionOf(spec: ChartSpec): echarts.EChartsCoreOption {
  const base = {
    animation: false,
    textStyle: { fontFamily: chartFontStack, fontSize: 12, color: "#222" },
    grid: { left: 8, right: 48, top: spec.kind === "stacked-100" ? 44 : 12, bottom: 8, containLabel: true },
    xAxis: {
      type: "value",
      max: 100,
      axisLabel: { formatter: "{value}%" },
      splitLine: { lineStyle: { color: "#ddd" } },
    },
  };
  // Each bar carries its own figure, so a bar chart's percent axis would only repeat them.
  const barAxis = { ...base.xAxis, axisLabel: { show: false } };
  if (spec.kind === "bar") {
    return {
      ...base,
      xAxis: barAxis,
      yAxis: {
        type: "category",
        inverse: true,
        data: spec.categories.map((c) => wrapLabel(c)),
        axisLabel: { lineHeight: 15 },
        axisTick: { show: false },
      },
      series: [
        {
          type: "bar",
          barMaxWidth: 22,
          itemStyle: { color: palette[0] },
          data: spec.percents.map((p) => p ?? 0),
          label: { show: true, position: "right", formatter: (p: { value: number }) => `${p.value}%` },
        },
      ],
    };
  }
  return {
    ...base,
    legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 11 } },
    yAxis: {
      type: "category",
      inverse: true,
      data: spec.rows.map((r) => wrapLabel(r.label)),
      axisLabel: { lineHeight: 15 },
      axisTick: { show: false },
    },
    series: spec.columns.map((column, index) => ({
      type: "bar",
      name: column,
      stack: "all",
      barMaxWidth: 22,
      itemStyle: { color: palette[index % palette.length] },
      data: spec.rows.map((r) => r.percents[index] ?? 0),
      label: {
        show: true,
        fontSize: 10,
        color: index < 1 ? "#fff" : "#222",
        formatter: (p: { value: number }) => (p.value >= 8 ? `${Math.round(p.value)}` : ""),
      },
    })),
  };
}

interface OutlineFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  glyphForCodePoint(codePoint: number): { id: number; advanceWidth: number; path: { toSVG(): string } };
}

let outlineFont: OutlineFont | null = null;
const glyphs = new Map<number, { d: string; advance: number }>();

function glyphOf(codePoint: number): { d: string; advance: number } {
  let glyph = glyphs.get(codePoint);
  if (!glyph) {
    outlineFont ??= require("fontkit").openSync(notoSansJp.regular) as OutlineFont;
    const g = outlineFont.glyphForCodePoint(codePoint);
    glyph = { d: g.path.toSVG(), advance: g.advanceWidth };
    glyphs.set(codePoint, glyph);
  }
  return glyph;
}

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decode = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    e[0] === "#"
      ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : entities[e.toLowerCase()]!,
  );

/**
 * ECharts' <text> elements as glyph outlines (Noto Sans JP, read with fontkit). resvg lays out
 * each text run against the 5 MB font anew (about 5 ms a label), which made charts the slowest
 * part of the report; outlines cost nothing to lay out, look the same, and need no font at all.
 * resvg's own font loading (fontFiles, no system fonts) was measured again for ADR 034: 10–25
 * times slower per chart, and it draws the value labels' halo as a dark rim.
 * Handles what ECharts writes: x, y, transform, text-anchor, dominant-baseline, font-size, fill.
 */
export function outlineTexts(svg: string): string {
  return svg.replace(/<text([^>]*)>([^<]*)<\/text>/g, (_, attributes: string, content: string) => {
    const attribute = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(attributes)?.[1];
    const size = Number(/font-size:\s*([\d.]+)px/.exec(attribute("style") ?? "")?.[1] ?? 12);
    const text = decode(content);
    glyphOf(32); // the first glyph looked up loads the outline font
    const font = outlineFont!;
    const scale = size / font.unitsPerEm;
    const runs = [...text].map((ch) => glyphOf(ch.codePointAt(0)!));
    const width = runs.reduce((sum, g) => sum + g.advance, 0) * scale;
    const anchor = attribute("text-anchor");
    const x = Number(attribute("x") ?? 0) - (anchor === "end" ? width : anchor === "middle" ? width / 2 : 0);
    const baseline = attribute("dominant-baseline");
    // "central": the middle of the em box sits on y; "hanging"/"text-before-edge": its top does.
    const shift =
      baseline === "central" || baseline === "middle"
        ? ((font.ascent + font.descent) / 2) * scale
        : baseline === "hanging" || baseline === "text-before-edge"
          ? font.ascent * scale
          : 0;
    const y = Number(attribute("y") ?? 0) + shift;
    // Fill only: the halo ECharts puts round value labels reads as a dark rim once outlined.
    const paint = ["fill", "opacity", "fill-opacity"]
      .map((name) => [name, attribute(name)] as const)
      .filter(([, v]) => v !== undefined)
      .map(([name, v]) => ` ${name}="${v}"`)
      .join("");
    let advance = 0;
    const paths = runs
      .map((g) => {
        const path = g.d ? `<path transform="translate(${advance} 0)" d="${g.d}"/>` : "";
        advance += g.advance;
        return path;
      })
      .join("");
    const transform = attribute("transform");
    return `<g${transform ? ` transform="${transform}"` : ""}><g transform="translate(${x} ${y}) scale(${scale} ${-scale})"${paint}>${paths}</g></g>`;
  });
}

/** The chart as an SVG document (the browser preview shows it as an image with its own fonts). */
export function renderChartSvg(spec: ChartSpec, width = CHART_WIDTH): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height: chartHeight(spec) });
  try {
    chart.setOption(optionOf(spec));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * An opaque RGB PNG from RGBA pixels on white. resvg writes RGBA; pdfkit would split the alpha
 * channel out in plain JavaScript (a quarter of a second per chart), while an RGB PNG's data goes
 * into the PDF as it is. Native zlib does the compression.
 */
export function encodeOpaquePng(rgba: Uint8Array, width: number, height: number): Buffer {
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    raw[y * stride] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * 4;
      const to = y * stride + 1 + x * 3;
      const alpha = rgba[from + 3]! / 255;
      for (let c = 0; c < 3; c++) raw[to + c] = Math.round(rgba[from + c]! * alpha + 255 * (1 - alpha));
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 6 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

type RenderedChart = { png: Buffer; width: number; height: number };

/**
 * Laying out text is most of a chart's cost, and a report is often exported in both formats
 * right after its preview: identical charts are rendered once per process (a small bounded memo).
 */
const rendered = new Map<string, RenderedChart>();
const MEMO_SIZE = 64;

/** The chart as a PNG at twice its size (sharp in print), typeset with the bundled Noto Sans JP. */
export function renderChartPng(spec: ChartSpec, width = CHART_WIDTH): RenderedChart {
  const key = `${width}:${JSON.stringify(spec)}`;
  const known = rendered.get(key);
  if (known) return known;
  // No text is left once outlined, so resvg needs no font (and must not scan the system's).
  const resvg = new Resvg(outlineTexts(renderChartSvg(spec, width)), {
    fitTo: { mode: "zoom", value: 2 },
    font: { loadSystemFonts: false },
  });
  const image = resvg.render();
  const result = { png: encodeOpaquePng(image.pixels, image.width, image.height), width, height: chartHeight(spec) };
  if (rendered.size >= MEMO_SIZE) rendered.delete(rendered.keys().next().value!);
  rendered.set(key, result);
  return result;
}
