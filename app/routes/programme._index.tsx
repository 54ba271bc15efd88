import { Link } from "react-router";
import type { Route } from "./+types/programme._index";
import { programmeDepsFrom } from "#core/programme/deps.ts";
import { listMyProgrammes } from "#core/programme/list-my-programmes.ts";
import { stateOf } from "../context.ts";
import { requireUserPage } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = () => [{ title: "プログラム · Chiiki" }];

/** The programmes whose office the signed-in person is on (docs/programme.md). */
export async function loader({ context, request }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireUserPage(state, request);
  return { programmes: await listMyProgrammes(programmeDepsFrom(state.services), actor) };
}

export default function Programmes({ loaderData }: Route.ComponentProps) {
  const t = useT();
  return (
    <section className="page narrow" aria-labelledby="programmes-title">
      <h1 id="programmes-title">{t("programme.title")}</h1>
      <p className="lead">{t("programme.lead")}</p>
      {loaderData.programmes.length === 0 ? (
        <p className="muted">{t("programme.none")}</p>
      ) : (
        <ul className="plain-list">
          {loaderData.programmes.map((p) => (
            <li key={p.slug}>
              <Link to={`/programme/${p.slug}`}>{p.name}</Link>{" "}
              <span className="muted">{t("programme.communities", { n: p.communities })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
