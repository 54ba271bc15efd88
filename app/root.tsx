import {
  data,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  redirect,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "react-router";
import { pathInsideCommunity } from "./lib/base-path.server.ts";
import type { Route } from "./+types/root";
import { isSecretariat } from "#core/accounts/actor.ts";
import { Layout as Shell } from "./components/layout.tsx";
import { stateOf } from "./context.ts";
import { useT } from "./lib/i18n.ts";
import { communityName, installed } from "./lib/installation.server.ts";
import type { RootData } from "./lib/root-data.ts";
import stylesHref from "./styles.css?url";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];

/** Paths a secretariat account may use before it has enrolled TOTP. */
const ENROLMENT_PATHS = ["/account/two-factor", "/sign-out", "/lang"];

export async function loader({ context, url }: Route.LoaderArgs) {
  const state = stateOf(context);
  // Normalised (a client navigation asks for /path.data), and inside the community's prefix.
  const path = pathInsideCommunity(url.pathname);
  const { services, actor } = state;
  if (!(await installed(services))) {
    if (path !== "/setup") throw redirect("/setup");
  }
  if (actor.kind === "user" && isSecretariat(actor) && !actor.twoFactorEnabled && !ENROLMENT_PATHS.includes(path)) {
    throw redirect("/account/two-factor");
  }
  return data({
    locale: state.locale,
    nonce: state.nonce,
    // Its English name, where it has one, for a reader who chose English.
    community:
      state.locale === "en" && services.community.name_en ? services.community.name_en : await communityName(services),
    user: actor.kind === "user" ? { name: actor.name, email: actor.email, secretariat: isSecretariat(actor) } : null,
  } satisfies RootData);
}

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData("root") as RootData | undefined;
  // A route with `handle.scripts === false` (the survey answering page) ships no React to the
  // client; the stub receives the router's inline data stream, which nothing then reads.
  const scripts = !useMatches().some((m) => (m.handle as { scripts?: boolean } | undefined)?.scripts === false);
  return (
    <html lang={root?.locale ?? "ja"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        {/* A page that opts out of scripts (the answering page's light mode) gets none: React Router
            writes its inline data only after <Scripts/>. */}
        {scripts && (
          <>
            <ScrollRestoration nonce={root?.nonce} />
            <Scripts nonce={root?.nonce} />
          </>
        )}
      </body>
    </html>
  );
}

export default function App() {
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  let title = t("error.title");
  let message = t("error.internal");
  // A refused loader's field messages (describeError): "各項目のメッセージ" must be there to read.
  let fields: string[] = [];
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = t("error.notFoundTitle");
      message = t("error.notFoundBody");
    } else if (error.data && typeof error.data === "object" && "message" in error.data) {
      message = String(error.data.message);
      const named = "fields" in error.data ? error.data.fields : null;
      if (named && typeof named === "object") fields = Object.values(named).map(String);
    } else if (error.status < 500) {
      // React Router's own refusals (a method a page does not take: 405) are the client's, not ours.
      message = t("error.bad-request");
    }
  }
  return (
    <Shell>
      <section className="page narrow" aria-labelledby="error-title">
        <h1 id="error-title">{title}</h1>
        <p role="alert">{message}</p>
        {fields.length > 0 && (
          <ul>
            {fields.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        )}
        <p>
          <Link reloadDocument to="/">
            {t("error.backHome")}
          </Link>
        </p>
      </section>
    </Shell>
  );
}
