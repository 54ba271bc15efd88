import { describe, expect, it } from "vitest";
import { normaliseJapaneseLists, renderMarkdown } from "./render-markdown.ts";

describe("renderMarkdown", () => {
  it("escapes raw HTML so a post cannot carry script or markup", () => {
    const html = renderMarkdown(`<script>alert(1)</script>\n<img src=x onerror="alert(1)">`);
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it.each([
    ["inline tags", "a <b onmouseover=alert(1)>b</b> <svg/onload=alert(1)>"],
    ["an HTML block", "<div>\n<iframe src=https://x.example></iframe>\n</div>"],
    ["a comment", "<!-- <script>alert(1)</script> -->"],
    ["a javascript: link", "[x](javascript:alert(1))"],
    ["a javascript: link with entities", "[x](&#106;avascript:alert(1)) [y](jav&#x09;ascript:alert(1))"],
    ["an upper-case JavaScript: link", "[x](JaVaScRiPt:alert(1))"],
    ["a vbscript: link", "[x](vbscript:msgbox(1))"],
    ["a data: link", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
    ["a javascript: autolink", "<javascript:alert(1)>"],
    ["a reference link", "[x][r]\n\n[r]: javascript:alert(1)"],
    ["an image", '![x](https://tracker.example/p.gif) ![y](data:image/svg+xml,<svg onload="alert(1)">)'],
  ])("writes no active markup for %s", (_name, source) => {
    const html = renderMarkdown(source);
    expect(html).not.toMatch(/<(script|img|svg|iframe|div|b)\b/i);
    expect(html).not.toMatch(/<[^>]*\son\w+=/i);
    expect(html).not.toMatch(/href="(?!https?:|mailto:)/i);
    expect(html).not.toContain("<!--");
  });

  it("shows an image as a link the reader may follow, never loaded by the page", () => {
    expect(renderMarkdown("![図](https://tracker.example/p.gif)")).toBe(
      '<p>!<a href="https://tracker.example/p.gif" rel="noopener noreferrer">図</a></p>\n',
    );
  });

  it("keeps entities as the characters they name, escaped again", () => {
    expect(renderMarkdown("&lt;script&gt; &amp; &#60;b&#62;")).toBe("<p>&lt;script&gt; &amp; &lt;b&gt;</p>\n");
  });

  it("renders headings, lists, emphasis, code and http(s) links only", () => {
    const html = renderMarkdown(
      "# 対策\n\n- **パッチ**を適用\n- `Emotet` に注意\n\n[JPCERT](https://www.jpcert.or.jp/) と [x](javascript:alert(1))",
    );
    expect(html).toContain("<h3>対策</h3>");
    expect(html).toContain("<ul>\n<li><strong>パッチ</strong>を適用</li>\n<li><code>Emotet</code> に注意</li>\n</ul>");
    expect(html).toContain('<a href="https://www.jpcert.or.jp/" rel="noopener noreferrer">JPCERT</a>');
    expect(html).toContain("[x](javascript:alert(1))");
    expect(html).not.toContain('href="javascript');
  });

  it("links mailto and bare http(s) addresses, not bare host names", () => {
    const html = renderMarkdown("[窓口](mailto:soc@example.jp) https://jvn.jp/vu/ example.jp");
    expect(html).toContain('<a href="mailto:soc@example.jp" rel="noopener noreferrer">窓口</a>');
    expect(html).toContain('<a href="https://jvn.jp/vu/" rel="noopener noreferrer">https://jvn.jp/vu/</a>');
    expect(html).toContain(" example.jp</p>");
  });

  it("cannot break out of an href with quotes", () => {
    const html = renderMarkdown('[a](https://x.example/"onmouseover="alert(1))');
    expect(html).not.toMatch(/href="[^"]*"\s*onmouseover/);
  });

  it("keeps a single line break, caps headings at h6, and has no indented code", () => {
    expect(renderMarkdown("一行目\n二行目")).toBe("<p>一行目<br>\n二行目</p>\n");
    expect(renderMarkdown("#### 小見出し")).toBe("<h6>小見出し</h6>\n");
    expect(renderMarkdown("    字下げした文")).toBe("<p>字下げした文</p>\n");
    expect(renderMarkdown("```\n<script>\n```")).toBe("<pre><code>&lt;script&gt;\n</code></pre>\n");
  });

  it("reads the Japanese list forms: ・ bullets and full-width numbers", () => {
    expect(renderMarkdown("・情報共有\n・ 勉強会")).toBe("<ul>\n<li>情報共有</li>\n<li>勉強会</li>\n</ul>\n");
    expect(renderMarkdown("１．開会\n２．報告")).toBe("<ol>\n<li>開会</li>\n<li>報告</li>\n</ol>\n");
    expect(renderMarkdown("1．開会\n2． 報告")).toBe("<ol>\n<li>開会</li>\n<li>報告</li>\n</ol>\n");
    expect(renderMarkdown("３. 閉会")).toBe('<ol start="3">\n<li>閉会</li>\n</ol>\n');
    expect(renderMarkdown("議題\n・一つ目")).toBe("<p>議題</p>\n<ul>\n<li>一つ目</li>\n</ul>\n");
    expect(renderMarkdown("- 親\n  ・子")).toBe("<ul>\n<li>親\n<ul>\n<li>子</li>\n</ul>\n</li>\n</ul>\n");
  });

  it("leaves text that only looks like a marker, and fenced code, as written", () => {
    expect(normaliseJapaneseLists("1.5 倍\n・\n文中の・や１．")).toBe("1.5 倍\n・\n文中の・や１．");
    expect(normaliseJapaneseLists("```\n・そのまま\n１．そのまま\n```\n・外")).toBe(
      "```\n・そのまま\n１．そのまま\n```\n- 外",
    );
  });
});
