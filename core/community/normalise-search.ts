/**
 * Japanese search normalisation, applied both to what is stored in `search_text` and to the
 * query, so that one substring match finds a record however it was typed:
 * NFKC (half-width ｹｲｻﾂ → full-width ケイサツ, full-width Ａ → A), katakana → hiragana (so a
 * reading typed in either script matches), lower case, and no whitespace (so 長崎 県 = 長崎県).
 */
import { sql } from "kysely";

const KATAKANA = /[\u30a1-\u30f6]/g;
const KATAKANA_TO_HIRAGANA = 0x60;

export function normaliseSearch(text: string): string {
  return text
    .normalize("NFKC")
    .replace(KATAKANA, (c) => String.fromCharCode(c.charCodeAt(0) - KATAKANA_TO_HIRAGANA))
    .toLowerCase()
    .replace(/\s+/gu, "");
}

/**
 * The stored search text of a record: each part normalised on its own and joined by a newline,
 * which a normalised query never contains, so a match never spans two fields.
 */
export function searchTextOf(parts: readonly (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => Boolean(p))
    .map(normaliseSearch)
    .filter(Boolean)
    .join("\n");
}

/**
 * `column` (a stored search text) contains the normalised `needle`. Both sides are already
 * folded, so this is a plain LIKE (no lower() per row), the same on SQLite and PostgreSQL.
 */
export function searchTextContains(column: string, needle: string) {
  const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
}
