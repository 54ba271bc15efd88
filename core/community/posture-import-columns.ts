/**
 * The columns of a security posture file (issue 18), and how their cells read. A header may be
 * the Japanese or English label (`community.column.<key>` in the catalogs), the key itself, or a
 * common alias (団体名, 会社名, Company …); a level cell its code, its label in either language
 * (★★二つ星, ★3, In use) or a short form (★★, 二つ星, 3, はい, なし). One vocabulary: the kinds and
 * levels are those of posture-codes.ts, the labels those of the catalogs.
 */
import { catalogs, isMessageKey, locales } from "../../i18n/index.ts";
import { columnHeader, fold } from "./import-columns.ts";
import { readEraDay } from "../shared/japanese-era-date.ts";
import { type PostureKind, postureLevels } from "./posture-codes.ts";

export const postureImportColumns = [
  "corporateNumber",
  "name",
  "securityAction",
  "securityActionId",
  "securityActionSince",
  "scs",
  "scsSince",
  "scsValidUntil",
  "otasuketai",
  "otasuketaiSince",
  "cyberInsurance",
  "cyberInsuranceSince",
  "note",
] as const;
export type PostureImportColumn = (typeof postureImportColumns)[number];

/** Which columns say what about each kind: its level, its reference (宣言ID, service, insurer), its dates. */
export const postureColumnsOf: Record<
  PostureKind,
  {
    level: PostureImportColumn;
    reference?: PostureImportColumn;
    since: PostureImportColumn;
    validUntil?: PostureImportColumn;
  }
> = {
  "security-action": { level: "securityAction", reference: "securityActionId", since: "securityActionSince" },
  scs: { level: "scs", since: "scsSince", validUntil: "scsValidUntil" },
  // The service's or insurer's name may stand in the level cell itself: a name means "in use".
  otasuketai: { level: "otasuketai", since: "otasuketaiSince" },
  "cyber-insurance": { level: "cyberInsurance", since: "cyberInsuranceSince" },
};

const headerAliases: Partial<Record<PostureImportColumn, string[]>> = {
  name: ["団体名", "組織名", "法人名", "会社名", "企業名", "事業者名", "organisation", "organization", "company"],
  corporateNumber: ["法人番号", "corporate number", "corporatenumber"],
  securityActionId: ["宣言ID", "declaration id"],
  securityActionSince: ["宣言日", "declared on"],
  scsSince: ["評価日", "SCS取得日"],
  scsValidUntil: ["有効期限", "valid until"],
  otasuketai: ["お助け隊", "サイバーセキュリティお助け隊サービス", "otasuketai"],
  cyberInsurance: ["保険", "cyber insurance"],
  note: ["メモ", "備考", "notes"],
};

/** Which column of the file holds which field; unknown columns are ignored. */
export function mapPostureHeader(header: string[]): Map<PostureImportColumn, number> {
  const map = new Map<PostureImportColumn, number>();
  header.forEach((cell, index) => {
    const name = fold(cell.replace(/^\uFEFF/, ""));
    const found = postureImportColumns.find(
      (key) =>
        fold(key) === name ||
        locales.some((locale) => fold(columnHeader(key, locale)) === name) ||
        (headerAliases[key] ?? []).some((alias) => fold(alias) === name),
    );
    if (found && !map.has(found)) map.set(found, index);
  });
  return map;
}

const noneWords = ["なし", "無し", "none", "no", "いいえ", "0", "×", "-", "終了", "取り下げ", "解約"];
const levelWords: Record<string, string[]> = {
  "one-star": ["★", "一つ星", "1つ星", "星1つ", "1", "★1", "one star", "1 star"],
  "two-star": ["★★", "二つ星", "2つ星", "星2つ", "2", "★2", "two stars", "2 stars"],
  "star-3": ["3", "星3", "★★★", "star 3", "3 stars", "level 3", "レベル3"],
  "star-4": ["4", "星4", "★★★★", "star 4", "4 stars", "level 4", "レベル4"],
  yes: ["はい", "yes", "あり", "有り", "利用", "利用中", "加入", "加入済み", "○", "◯", "true"],
};

const readers = new Map<PostureKind, Map<string, string>>();
for (const [kind, levels] of Object.entries(postureLevels) as [PostureKind, readonly string[]][]) {
  const read = new Map<string, string>();
  for (const level of levels) {
    const words = [level, ...(level === "none" ? noneWords : (levelWords[level] ?? []))];
    for (const locale of locales) {
      const id = `community.posture.level.${level}`;
      if (isMessageKey(id)) words.push(catalogs[locale][id]);
    }
    for (const w of words) read.set(fold(w), level);
  }
  readers.set(kind, read);
}

/**
 * A level cell as its code, or null when it names none. For お助け隊 and cyber insurance any other
 * text is the service's or insurer's name, meaning "in use" (`reference` then holds the name).
 */
export function readPostureLevel(kind: PostureKind, text: string): { level: string; reference?: string } | null {
  const level = readers.get(kind)!.get(fold(text));
  if (level) return { level };
  if (kind === "otasuketai" || kind === "cyber-insurance") return { level: "yes", reference: text };
  return null;
}

/**
 * A date cell as YYYY-MM-DD: 2024-04-01, 2024/4/1, 2024.4.1, 2024年4月1日, or in the Japanese era
 * calendar (令和7年4月1日, 令和元年5月1日, R7.4.1, H31/4/30); null when it is none of these.
 */
export function readDay(text: string): string | null {
  const era = readEraDay(text);
  if (era) return era.ok ? era.day : null;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.normalize("NFKC").trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * Why a date cell that `readDay` refused is no date, as a field issue: an era date outside its era
 * says the era's range; anything else repeats the text and shows the forms that are read.
 */
export function dayProblem(text: string): { code: string; params: Record<string, string> } {
  const era = readEraDay(text);
  if (era && !era.ok && era.era)
    return {
      code: "community-import-era-range",
      params: { value: text, era: era.era.name, range: `${era.era.from} – ${era.era.to ?? ""}`.trim() },
    };
  return { code: "community-import-date", params: { value: text } };
}
