import { Form, Link, redirect } from "react-router";
import type { Route } from "./+types/posts.$id._index";
import { addPostAttachment } from "#core/sharing/add-post-attachment.ts";
import { getPost } from "#core/sharing/get-post.ts";
import { renderMarkdown } from "#core/shared/render-markdown.ts";
import { AppError } from "#core/shared/errors.ts";
import { formatEraDate } from "#i18n/dates.ts";
import { FileField, failureOf, FormError, SubmitButton } from "../components/form.tsx";
import { TlpBadge } from "../components/tlp-badge.tsx";
import { stateOf } from "../context.ts";
import { orRespond, requireSecretariatPage } from "../lib/http.server.ts";
import { receiveUploadForm } from "../lib/upload.server.ts";
import { useT } from "../lib/i18n.ts";
import { SharedBy } from "../components/shared-by.tsx";
import { sharedOf, viewerOf } from "./posts.web.server.ts";
import { sharingDepsFrom } from "#core/sharing/deps.ts";

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `${loaderData?.post.title ?? ""} · Chiiki` }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const viewer = await viewerOf(state);
  const post = await orRespond(state, request, () =>
    getPost(state.services.database.db, viewer, params.id, sharedOf(state)),
  );
  // A post another community shared is that community's to edit and share (ADR 038).
  return { post, bodyHtml: renderMarkdown(post.body), secretariat: viewer.secretariat && !post.sharedBy };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  requireSecretariatPage(state, request);
  // Streamed to disk as it arrives (CHIIKI_MAX_UPLOAD_MB), never held in memory.
  return receiveUploadForm(state, request, "file", async (_form, file) => {
    if (!file) throw new AppError("validation-failed", { fields: [{ field: "file", code: "sharing-file-empty" }] });
    await addPostAttachment(sharingDepsFrom(state.services), state.actor, params.id, file);
    throw redirect(`/posts/${params.id}`);
  });
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export default function PostPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { post, bodyHtml, secretariat } = loaderData;
  const failure = failureOf(actionData);
  return (
    <article className="page post" aria-labelledby="post-title">
      <p className="post__meta">
        <TlpBadge tlp={post.tlp} /> <span>{t(`sharing.kind.${post.kind}`)}</span>
        {post.status === "draft" && <span className="badge badge--pending">{t("sharing.status.draft")}</span>}
        {post.publishedAt && <time dateTime={post.publishedAt}>{formatEraDate(post.publishedAt)}</time>}{" "}
        <SharedBy origin={post.sharedBy} />
      </p>
      <h1 id="post-title">{post.title}</h1>
      <p className="tlp-explainer">{t(`sharing.tlp.${post.tlp}`)}</p>
      {post.summary && (
        <section aria-labelledby="post-summary" className="post__summary">
          <h2 id="post-summary">{t("sharing.post.summary")}</h2>
          <p>{post.summary}</p>
        </section>
      )}
      <dl className="facts">
        {post.severity && (
          <>
            <dt>{t("sharing.post.severity")}</dt>
            <dd>{t(`sharing.severity.${post.severity as "low" | "medium" | "high" | "critical"}`)}</dd>
          </>
        )}
        {post.affectedProducts && (
          <>
            <dt>{t("sharing.post.affectedProducts")}</dt>
            <dd>{post.affectedProducts}</dd>
          </>
        )}
        {post.sourceOrganisation && (
          <>
            <dt>{t("sharing.post.sourceOrganisation")}</dt>
            <dd>{post.sourceOrganisation}</dd>
          </>
        )}
        {post.sourceUrl && (
          <>
            <dt>{t("sharing.post.sourceUrl")}</dt>
            <dd>
              <a href={post.sourceUrl} rel="noopener noreferrer">
                {post.sourceUrl}
              </a>
            </dd>
          </>
        )}
      </dl>
      {post.whatToDo && (
        <section aria-labelledby="post-todo" className="post__todo">
          <h2 id="post-todo">{t("sharing.post.whatToDo")}</h2>
          <p>{post.whatToDo}</p>
        </section>
      )}
      {/* renderMarkdown (markdown-it, HTML off, http(s)/mailto links only) writes no markup of the source. */}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: escaped by renderMarkdown, as said above */}
      <div className="post__body" dangerouslySetInnerHTML={{ __html: bodyHtml }} />
      {post.attachments.length > 0 && (
        <section aria-labelledby="post-files">
          <h2 id="post-files">{t("sharing.attachments.title")}</h2>
          <ul className="plain-list">
            {post.attachments.map((a) => (
              <li key={a.id}>
                <Link reloadDocument to={`/posts/${post.id}/attachments/${a.id}`} download>
                  {a.fileName}
                </Link>{" "}
                <span className="muted">({formatSize(a.sizeBytes)})</span>
                {a.contentType === "application/pdf" && (
                  <>
                    {" "}
                    ·{" "}
                    <Link to={`/posts/${post.id}/attachments/${a.id}/preview`}>{t("sharing.attachments.preview")}</Link>
                  </>
                )}
              </li>
            ))}
          </ul>
          <p className="muted">{t("sharing.attachments.logged")}</p>
        </section>
      )}
      {secretariat && (
        <section aria-labelledby="post-admin">
          <h2 id="post-admin">{t("nav.secretariat")}</h2>
          <p>
            <Link className="button button--secondary" to={`/posts/${post.id}/edit`}>
              {t("sharing.posts.edit")}
            </Link>{" "}
            <Link className="button button--secondary" to={`/posts/${post.id}/shares`}>
              {t("sharing.shared.title")}
            </Link>
          </p>
          <Form method="post" encType="multipart/form-data">
            <FormError failure={failure} />
            <FileField
              name="file"
              label={t("sharing.attachments.add")}
              hint={t("sharing.attachments.addHint")}
              accept=".pdf,.pptx,image/*"
              failure={failure}
            />
            <div className="actions">
              <SubmitButton>{t("sharing.attachments.upload")}</SubmitButton>
            </div>
          </Form>
        </section>
      )}
      <p>
        <Link to="/posts">{t("sharing.posts.back")}</Link>
      </p>
    </article>
  );
}
