/**
 * The columns of the organisations and people files, for export and import alike, so that what we
 * export imports back unchanged. One vocabulary: the codes are those of `codes.ts`, the headers
 * and value labels those of the i18n catalogs (`community.column.*`, `community.sector.*`, …).
 * An export is written in the reader's language; an import takes the headers and values in
 * Japanese, in English, or as the API's field names and codes, whichever a row uses.
 */
import { catalogs, isMessageKey, type Locale, locales, translate } from "../../i18n/index.ts";
import { industries, memberships, prefectures, sectors, sizeBands } from "./codes.ts";

export interface Column {
  key: string;
  /** the Japanese header (the catalog's `community.column.<key>`), as the import page lists it */
  header: string;
}

const column = (key: string): Column => ({ key, header: columnHeader(key, "ja") });

export function columnHeader(key: string, locale: Locale): string {
  const id = `community.column.${key}`;
  return isMessageKey(id) ? translate(locale, id) : key;
}

export const organisationColumnsSpec: Column[] = [
  "name",
  "reading",
  "sector",
  "prefecture",
  "industry",
  "sizeBand",
  "membership",
  "membershipType",
  "memberSince",
  "website",
  "address",
  "notes",
].map(column);

export const personColumnsSpec: Column[] = [
  "organisation",
  "familyName",
  "givenName",
  "familyReading",
  "givenReading",
  "department",
  "title",
  "email",
  "phone",
  "mailOptIn",
  "notes",
].map(column);

export const requiredColumns = { organisations: ["name", "sector"], people: ["familyName"] } as const;

/** The coded columns: their codes, and the catalog prefix of their labels. */
const codedColumns: Record<string, { codes: readonly string[]; labels: string[] }> = {
  sector: { codes: sectors, labels: ["community.sector", "community.sectorShort"] },
  prefecture: { codes: prefectures, labels: ["community.prefecture"] },
  industry: { codes: industries, labels: ["community.industry"] },
  sizeBand: { codes: sizeBands, labels: ["community.size"] },
  membership: { codes: memberships, labels: ["community.membership"] },
};

/**
 * Text compared for meaning: full/half width and case folded, spaces dropped, the wave dash 〜 and
 * the full-width tilde ～ (what Windows and Excel store for it in CP932) taken as one.
 */
export function fold(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u301C~]/g, "~")
    .replace(/\s+/g, "")
    .toLowerCase();
}

const readers = new Map<string, Map<string, string>>();
for (const [key, { codes, labels }] of Object.entries(codedColumns)) {
  const read = new Map<string, string>();
  const add = (text: string, code: string) => {
    const known = read.get(fold(text));
    // Two codes of one column with one label would make a file ambiguous: refuse to start.
    if (known && known !== code) throw new Error(`${key}: "${text}" names both ${known} and ${code}`);
    read.set(fold(text), code);
  };
  for (const code of codes) {
    add(code, code);
    for (const locale of locales)
      for (const prefix of labels) {
        const id = `${prefix}.${code}`;
        if (isMessageKey(id)) add(catalogs[locale][id], code);
      }
  }
  readers.set(key, read);
}

/** A coded cell as its code (from a code or a label in either language), or null when it names none. */
export function readCodedValue(key: string, text: string): string | null {
  return readers.get(key)?.get(fold(text)) ?? null;
}

/** A stored code as the export writes it: its label in `locale` (a code with no label as it is). */
export function writeCodedValue(key: string, code: string | null, locale: Locale): string {
  if (code === null || code === "") return "";
  const coded = codedColumns[key];
  if (!coded) return code;
  const id = `${coded.labels[0]}.${code}`;
  return isMessageKey(id) ? translate(locale, id) : code;
}

export function isCodedColumn(key: string): boolean {
  return Object.hasOwn(codedColumns, key);
}

const yes = new Set(["1", "true", "yes", "y", "○", "◯", ...locales.map((l) => fold(translate(l, "common.yes")))]);
const no = new Set(["0", "false", "no", "n", "×", ...locales.map((l) => fold(translate(l, "common.no")))]);

/** A yes/no cell: 1/0, はい/いいえ, yes/no, ○/×; blank is no; anything else is null (an error). */
export function flagValue(value: string): boolean | null {
  const folded = fold(value);
  if (folded === "" || no.has(folded)) return false;
  return yes.has(folded) ? true : null;
}

export function writeFlag(value: boolean, locale: Locale): string {
  return translate(locale, value ? "common.yes" : "common.no");
}

/** Which column of the file holds which field (by header in Japanese or English, or API name). */
export function mapHeader(header: string[], spec: Column[]): Map<string, number> {
  const map = new Map<string, number>();
  header.forEach((cell, index) => {
    const name = fold(cell.replace(/^\uFEFF/, ""));
    const found = spec.find(
      (c) => fold(c.key) === name || locales.some((locale) => fold(columnHeader(c.key, locale)) === name),
    );
    if (found && !map.has(found.key)) map.set(found.key, index);
  });
  return map;
}
