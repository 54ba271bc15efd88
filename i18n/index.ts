/**
 * Message catalogs: Japanese is the default and the source of keys; English must be complete
 * (the type of `en` requires every key, and a test checks placeholders match).
 */
import { en } from "./en/index.ts";
import { ja } from "./ja/index.ts";

export const locales = ["ja", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "ja";
export type MessageKey = keyof typeof ja;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const catalogs: Record<Locale, Record<MessageKey, string>> = { ja, en };

export function isLocale(value: unknown): value is Locale {
  return value === "ja" || value === "en";
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(ja, key);
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template = catalogs[locale][key] ?? catalogs.ja[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function createTranslate(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

/** Looks up a key built at run time (e.g. `error.${code}`), falling back when it is unknown. */
export function translateDynamic(locale: Locale, key: string, fallback: MessageKey, params?: Params): string {
  return translate(locale, isMessageKey(key) ? key : fallback, params);
}

/** The language of an answer without a session (the API, the HTTP edge): English if asked first, else Japanese. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  return /^\s*en\b/i.test(header ?? "") ? "en" : "ja";
}
