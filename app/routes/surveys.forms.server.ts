/** Form helpers of the secretariat's survey pages. */

/** `datetime-local` values are Japan time; storage is UTC ISO. Empty stays null. */
export function japanLocalToIso(value: FormDataEntryValue | null): string | null {
  const text = typeof value === "string" ? value.trim() : "";
  if (!text) return null;
  const date = new Date(`${text.length === 16 ? `${text}:00` : text}+09:00`);
  return Number.isNaN(date.getTime()) ? "invalid" : date.toISOString();
}

export function isoToJapanLocal(iso: string | null): string {
  if (!iso) return "";
  return new Date(new Date(iso).getTime() + 9 * 3600_000).toISOString().slice(0, 16);
}
