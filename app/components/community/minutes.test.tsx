import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "#core/shared/render-markdown.ts";
import { Minutes } from "./minutes.tsx";

describe("Minutes", () => {
  it("renders headings, lists, bold and links, and never raw HTML", () => {
    const html = renderToStaticMarkup(
      <Minutes
        html={renderMarkdown(
          "# 議事録\n- **情報共有**を継続\n- [SC3](https://www.ipa.go.jp/)\n\n<script>alert(1)</script><img src=x onerror=alert(1)>\n[悪い](javascript:alert(1))",
        )}
      />,
    );
    expect(html).toContain("<h3>議事録</h3>");
    expect(html).toContain("<li><strong>情報共有</strong>を継続</li>");
    expect(html).toContain('<a href="https://www.ipa.go.jp/" rel="noopener noreferrer">SC3</a>');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain('href="javascript');
  });

  it("reads the list forms minutes are written in: ・ and １．", () => {
    const html = renderToStaticMarkup(<Minutes html={renderMarkdown("## 議題\n１．開会\n２．報告\n\n・次回は十月")} />);
    expect(html).toContain(
      "<h4>議題</h4>\n<ol>\n<li>開会</li>\n<li>報告</li>\n</ol>\n<ul>\n<li>次回は十月</li>\n</ul>",
    );
  });
});
