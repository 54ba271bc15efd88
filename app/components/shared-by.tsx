import type { SharedOrigin } from "#core/sharing/shared-from-communities.ts";
import { useLocale, useT } from "../lib/i18n.ts";

/** "共有元: <community>" on a post or material another community shared with this one (ADR 038). */
export function SharedBy({ origin }: { origin: SharedOrigin | null }) {
  const t = useT();
  const locale = useLocale();
  if (!origin) return null;
  const community = sharedByName(origin, locale);
  return <span className="badge badge--shared">{t("sharing.shared.by", { community })}</span>;
}

/** The publishing community's name in the reader's language (English where it has one). */
export function sharedByName(origin: SharedOrigin, locale: string): string {
  return locale === "en" && origin.nameEn ? origin.nameEn : origin.name;
}
