import { Form, Link } from "react-router";
import type { Route } from "./+types/posts._index";
import { listPosts } from "#core/sharing/list-posts.ts";
import { listUpcomingPublicEvents } from "#core/sharing/list-upcoming-public-events.ts";
import { postKinds } from "#core/sharing/posts.ts";
import { formatEraDate } from "#i18n/dates.ts";
import { Pager } from "../components/pager.tsx";
import { stateOf } from "../context.ts";
import { useT } from "../lib/i18n.ts";
import { runListQuery } from "../lib/list-page.server.ts";
import { sharedOf, viewerOf } from "./posts.web.server.ts";
import { TlpBadge } from "../components/tlp-badge.tsx";
import { SharedBy } from "../components/shared-by.tsx";

export const meta: Route.MetaFunction = () => [
  { title: "情報共有 · Chiiki" },
  { tagName: "link", rel: "alternate", type: "application/atom+xml", href: "/feed.atom", title: "Atom" },
];

/** The public information page: what the viewer may see (the public: CLEAR), and upcoming public seminars. */
export async function loader({ context, request }: Route.LoaderArgs) {
  const state = stateOf(context);
  const viewer = await viewerOf(state);
  const url = new URL(request.url);
  const { result, failure } = await runListQuery(state, url, (query) =>
    listPosts(state.services.database.db, viewer, query, { shared: sharedOf(state) }),
  );
  return {
    posts: result ?? { items: [], total: 0 },
    failure,
    query: Object.fromEntries(url.searchParams),
    limit: 20,
    offset: Number(url.searchParams.get("offset") ?? 0) || 0,
    events: await listUpcomingPublicEvents(state.services.database.db, state.services.clock.now()),
    secretariat: viewer.secretariat,
    signedIn: viewer.signedIn,
  };
}

export default function Posts({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { posts, query, secretariat, signedIn, events } = loaderData;
  return (
    <section className="page" aria-labelledby="posts-title">
      <h1 id="posts-title">{t("sharing.posts.title")}</h1>
      <p className="lead">{signedIn ? t("sharing.posts.leadMember") : t("sharing.posts.leadPublic")}</p>
      <ul className="plain-list sharing-links">
        <li>
          <Link reloadDocument to="/feed.atom">
            {t("sharing.feed.public")}
          </Link>
        </li>
        {signedIn && (
          <li>
            <Link to="/posts/feed">{t("sharing.feed.personal")}</Link>
          </li>
        )}
        <li>
          <Link to="/materials">{t("sharing.materials.title")}</Link>
        </li>
        <li>
          <Link reloadDocument to="/posts/stix.json">
            {t("sharing.stix.export")}
          </Link>
        </li>
      </ul>
      {secretariat && (
        <p className="actions">
          <Link className="button" to="/posts/new">
            {t("sharing.posts.new")}
          </Link>
          <Link className="button button--secondary" to="/posts/feeds">
            {t("sharing.ingest.title")}
          </Link>
          <Link className="button button--secondary" to="/materials/downloads">
            {t("sharing.downloads.title")}
          </Link>
        </p>
      )}
      <Form method="get" className="filters" role="search">
        <div className="field">
          <label htmlFor="posts-q">{t("common.search")}</label>
          <input id="posts-q" name="q" type="search" defaultValue={query.q ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="posts-kind">{t("sharing.post.kind")}</label>
          <select id="posts-kind" name="kind" defaultValue={query.kind ?? ""}>
            <option value="">{t("sharing.posts.allKinds")}</option>
            {postKinds.map((k) => (
              <option key={k} value={k}>
                {t(`sharing.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="button button--secondary">
            {t("common.search")}
          </button>
        </div>
      </Form>
      {posts.items.length === 0 ? (
        <p>{t("sharing.posts.none")}</p>
      ) : (
        <ul className="card-list post-list">
          {posts.items.map((post) => (
            <li key={post.id}>
              <p className="post-list__meta">
                <TlpBadge tlp={post.tlp} /> <span>{t(`sharing.kind.${post.kind}`)}</span>
                {post.status === "draft" && <span className="badge badge--pending">{t("sharing.status.draft")}</span>}
                {post.publishedAt && <time dateTime={post.publishedAt}>{formatEraDate(post.publishedAt)}</time>}{" "}
                <SharedBy origin={post.sharedBy} />
              </p>
              <h2 className="post-list__title">
                <Link to={`/posts/${post.id}`}>{post.title}</Link>
              </h2>
              {post.summary && <p>{post.summary}</p>}
            </li>
          ))}
        </ul>
      )}
      <Pager total={posts.total} limit={loaderData.limit} offset={loaderData.offset} />
      {events.length > 0 && (
        <>
          <h2>{t("sharing.posts.upcomingEvents")}</h2>
          <ul className="card-list">
            {events.map((e) => (
              <li key={e.id}>
                <Link to={`/events/${e.id}`}>{e.title}</Link>
                <p className="muted">
                  <time dateTime={e.startsAt}>{formatEraDate(e.startsAt)}</time> {e.venueName ?? ""}{" "}
                  {e.onlineTool ?? ""}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
