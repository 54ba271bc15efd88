/**
 * Meeting minutes as the one Markdown renderer draws them (core/shared/render-markdown.ts, the
 * same as posts): the route's loader renders them on the server and hands the HTML here.
 */
export function Minutes({ html }: { html: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown writes no markup of the source (HTML off)
  return <div className="community-minutes" dangerouslySetInnerHTML={{ __html: html }} />;
}
