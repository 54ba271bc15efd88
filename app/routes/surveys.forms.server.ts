/** Form helpers of the secretariat's survey pages. */
import { fromJapanLocal, japanLocal } from "#i18n/dates.ts";

/** `datetime-local` values are Japan time; storage is UTC ISO. Empty stays null. */
export function japanLocalToIso(value: FormDataEntryValue | null): string | null {
  const text = typeof value === "string" ? value.trim() : "";
  if (!text) return null;
  const date = fromJapanLocal(text);
  return Number.isNaN(date.getTime()) ? "invalid" : date.toISOString();
}

export function isoToJapanLocal(iso: string | null): string {
  return japanLocal(iso);
}
