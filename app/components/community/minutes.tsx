/**
 * Renders meeting minutes written in a small Markdown subset straight to React elements: headings,
 * bullet and numbered lists, paragraphs, **bold**, `code` and http(s) links. There is no HTML
 * pass at all, so whatever a user types (<script>, onerror=…) is shown as text.
 */
import type { ReactNode } from "react";

type Block =
  | { kind: "heading"; level: number; text: string }
  | { kind: "ul" | "ol"; items: string[] }
  | { kind: "p"; text: string };

export function parseMinutes(markdown: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: "p", text: paragraph.join("\n") });
    paragraph = [];
  };
  for (const line of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*・]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)．]\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: "heading", level: heading[1]!.length, text: heading[2]! });
    } else if (bullet || numbered) {
      flush();
      const kind = bullet ? "ul" : "ol";
      const last = blocks.at(-1);
      const text = (bullet ?? numbered)![1]!;
      if (last && last.kind === kind) last.items.push(text);
      else blocks.push({ kind, items: [text] });
    } else if (line.trim() === "") {
      flush();
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

const INLINE = /\*\*(.+?)\*\*|`([^`]+)`|\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g;

function inline(text: string): ReactNode[] {
  const nodes: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) nodes.push(text.slice(last, match.index));
    const key = nodes.length;
    if (match[1] !== undefined) nodes.push(<strong key={key}>{match[1]}</strong>);
    else if (match[2] !== undefined) nodes.push(<code key={key}>{match[2]}</code>);
    else
      nodes.push(
        <a key={key} href={match[4]} rel="noopener noreferrer nofollow">
          {match[3]}
        </a>,
      );
    last = match.index + match[0].length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

export function Minutes({ markdown }: { markdown: string }) {
  return (
    <div className="community-minutes">
      {parseMinutes(markdown).map((block, i) => {
        switch (block.kind) {
          case "heading": {
            const Tag = (["h3", "h4", "h5", "h6"] as const)[block.level - 1]!;
            return <Tag key={i}>{inline(block.text)}</Tag>;
          }
          case "ul":
            return (
              <ul key={i}>
                {block.items.map((item, j) => (
                  <li key={j}>{inline(item)}</li>
                ))}
              </ul>
            );
          case "ol":
            return (
              <ol key={i}>
                {block.items.map((item, j) => (
                  <li key={j}>{inline(item)}</li>
                ))}
              </ol>
            );
          default:
            return (
              <p key={i}>
                {block.text
                  .split("\n")
                  .flatMap((line, j) => (j ? [<br key={`b${j}`} />, ...inline(line)] : inline(line)))}
              </p>
            );
        }
      })}
    </div>
  );
}
