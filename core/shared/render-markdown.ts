/**
 * The one Markdown renderer (posts, meeting minutes): CommonMark by markdown-it with raw HTML off,
 * so `<script>`, `<img onerror=…>` and entities are shown as text, never as markup. Links only to
 * http(s) and mailto (anything else stays text), always `rel="noopener noreferrer"`. No images:
 * an image from elsewhere would tell its host who read the post and when (a TLP:RED post read
 * receipt) and the pages' CSP allows no other origin; files belong in attachments, which have
 * access decisions. Indented code blocks are off (a Japanese text indented with spaces is a
 * paragraph, not code); fenced code works. A single line break is a line break, as the editors
 * in Japan write. Headings start at h3: a page's title is h1 and its sections h2.
 *
 * Japanese list forms: a line starting with `・` is a bullet, with `１．` / `1．` / `１.` (full-width
 * digits or full-width period) a numbered item. A pre-pass rewrites those markers to `-` and
 * `1.` before parsing, outside fenced code blocks only; that is the whole of the extension.
 */
import MarkdownIt from "markdown-it";

const SAFE_LINK = /^(https?:|mailto:)/i;

const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
markdown.disable(["image", "code"]);
// Bare addresses become links only with their scheme (not "example.jp" or "a@b.jp" on their own).
markdown.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
markdown.validateLink = (url) => SAFE_LINK.test(url.trim());

markdown.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  tokens[index]!.attrSet("rel", "noopener noreferrer");
  return self.renderToken(tokens, index, options);
};
for (const rule of ["heading_open", "heading_close"] as const) {
  markdown.renderer.rules[rule] = (tokens, index, options, _env, self) => {
    const token = tokens[index]!;
    token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 2)}`;
    return self.renderToken(tokens, index, options);
  };
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const BULLET = /^(\s*)・[ \t\u3000]*(?=\S)/;
const NUMBERED = /^(\s*)([0-9０-９]+)(?:([．])|([.)）])(?=[ \t\u3000]))[ \t\u3000]*(?=\S)/;

const asciiDigits = (digits: string) =>
  digits.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/** Rewrites the Japanese list markers to CommonMark ones, leaving fenced code as written. */
export function normaliseJapaneseLists(source: string): string {
  let fence: string | null = null;
  return source
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => {
      const opening = FENCE.exec(line);
      if (fence) {
        if (opening && opening[1]![0] === fence[0] && opening[1]!.length >= fence.length) fence = null;
        return line;
      }
      if (opening) {
        fence = opening[1]!;
        return line;
      }
      const bullet = BULLET.exec(line);
      if (bullet) return `${bullet[1]}- ${line.slice(bullet[0].length)}`;
      const numbered = NUMBERED.exec(line);
      if (numbered && !/^[0-9]+[.)]$/.test(`${numbered[2]}${numbered[4] ?? "．"}`)) {
        return `${numbered[1]}${asciiDigits(numbered[2]!)}. ${line.slice(numbered[0].length)}`;
      }
      return line;
    })
    .join("\n");
}

/** Markdown source → HTML that is safe to put in a page as it is. */
export function renderMarkdown(source: string): string {
  return markdown.render(normaliseJapaneseLists(source));
}
