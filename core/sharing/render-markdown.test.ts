import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./render-markdown.ts";

describe("renderMarkdown", () => {
  it("escapes raw HTML so a post cannot carry script or markup", () => {
    const html = renderMarkdown(`<script>alert(1)</script>\n<img src=x onerror="alert(1)">`);
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("renders headings, lists, emphasis, code and http(s) links only", () => {
    const html = renderMarkdown(
      "# 対策\n\n- **パッチ**を適用\n- `Emotet` に注意\n\n[JPCERT](https://www.jpcert.or.jp/) と [x](javascript:alert(1))",
    );
    expect(html).toContain("<h3>対策</h3>");
    expect(html).toContain("<ul>\n<li><strong>パッチ</strong>を適用</li>\n<li><code>Emotet</code> に注意</li>\n</ul>");
    expect(html).toContain('<a href="https://www.jpcert.or.jp/" rel="noopener noreferrer">JPCERT</a>');
    expect(html).not.toContain('href="javascript');
  });

  it("cannot break out of an href with quotes", () => {
    const html = renderMarkdown('[a](https://x.example/"onmouseover="alert(1))');
    expect(html).not.toMatch(/href="[^"]*"\s*onmouseover/);
  });
});
