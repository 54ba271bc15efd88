import { japanTime, toJapanLocalInput } from "#i18n/dates.ts";

/** Form helpers of the secretariat's survey pages. */

/** `datetime-local` values are Japan time; storage is UTC ISO. Empty stays null. */
export function japanLocalToIso(value: FormDataEntryValue | null): string | null {
  const text = typeof value === "string" ? value.trim() : "";
  if (!text) return null;
  const date = japanTime(text);
  return Number.isNaN(date.getTime()) ? "invalid" : date.toISOString();
}

export function isoToJapanLocal(iso: string | null): string {
  if (!iso) return "";
  return toJapanLocalInput(iso);
}
