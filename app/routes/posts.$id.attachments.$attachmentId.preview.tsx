import { Link, useHref } from "react-router";
import type { Route } from "./+types/posts.$id.attachments.$attachmentId.preview";
import { getPost } from "#core/sharing/get-post.ts";
import { AppError } from "#core/shared/errors.ts";
import { stateOf } from "../context.ts";
import { orRespond } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { sharedOf, viewerOf } from "./posts.web.server.ts";

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `${loaderData?.fileName ?? ""} · Chiiki` }];

/** The PDF shown in the browser's own viewer, framed by this page (the file answers with frame-ancestors 'self'). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  return orRespond(state, request, async () => {
    const post = await getPost(state.services.database.db, await viewerOf(state), params.id, sharedOf(state));
    const attachment = post.attachments.find(
      (a) => a.id === params.attachmentId && a.contentType === "application/pdf",
    );
    if (!attachment) throw new AppError("not-found");
    return { postId: post.id, postTitle: post.title, attachmentId: attachment.id, fileName: attachment.fileName };
  });
}

export default function Preview({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const src = useHref(`/posts/${loaderData.postId}/attachments/${loaderData.attachmentId}`);
  return (
    <section className="page" aria-labelledby="preview-title">
      <h1 id="preview-title">{loaderData.fileName}</h1>
      <p>
        <Link to={`/posts/${loaderData.postId}`}>{loaderData.postTitle}</Link> ·{" "}
        <a href={src} download>
          {t("sharing.attachments.download")}
        </a>
      </p>
      <iframe className="pdf-preview" src={`${src}?inline=1`} title={loaderData.fileName} />
    </section>
  );
}
