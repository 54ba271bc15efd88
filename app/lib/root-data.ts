import type { Locale } from "#i18n/index.ts";

/**
 * What the root loader (app/root.tsx) gives every page, read elsewhere through
 * `useRouteLoaderData("root")`. Declared here, not inferred from the loader, so that the layout
 * and the pages need not import the root route (which imports the layout).
 */
export interface RootData {
  locale: Locale;
  nonce: string;
  community: string;
  user: { name: string; email: string; secretariat: boolean } | null;
}
