import { useRouteLoaderData } from "react-router";
import { createTranslate, type Locale, type Translate } from "#i18n/index.ts";

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  return data?.locale ?? "ja";
}

export function useT(): Translate {
  return createTranslate(useLocale());
}
