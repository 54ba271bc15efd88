/**
 * The columns of the organisations and people files, for export and import alike (so an export
 * can be edited and imported back). Headers are Japanese; the API field names are accepted too.
 * Values are the registry's codes; sector also takes 産/学/官/金, flags take 1/0, はい/いいえ.
 */
export interface Column {
  key: string;
  header: string;
}

export const organisationColumnsSpec: Column[] = [
  { key: "name", header: "名称" },
  { key: "reading", header: "よみがな" },
  { key: "sector", header: "区分" },
  { key: "prefecture", header: "都道府県" },
  { key: "industry", header: "業種" },
  { key: "sizeBand", header: "従業員数" },
  { key: "membership", header: "会員区分" },
  { key: "membershipType", header: "会員種別" },
  { key: "memberSince", header: "入会日" },
  { key: "website", header: "ウェブサイト" },
  { key: "address", header: "所在地" },
  { key: "notes", header: "メモ" },
];

export const personColumnsSpec: Column[] = [
  { key: "organisation", header: "所属団体" },
  { key: "familyName", header: "姓" },
  { key: "givenName", header: "名" },
  { key: "familyReading", header: "せい" },
  { key: "givenReading", header: "めい" },
  { key: "department", header: "部署" },
  { key: "title", header: "役職" },
  { key: "email", header: "メールアドレス" },
  { key: "phone", header: "電話番号" },
  { key: "mailOptIn", header: "メール受信同意" },
  { key: "notes", header: "メモ" },
];

export const requiredColumns = { organisations: ["name", "sector"], people: ["familyName"] } as const;

export const sectorAliases: Record<string, string> = {
  産: "industry",
  学: "academia",
  官: "government",
  金: "finance",
};

export function flagValue(value: string): boolean {
  return ["1", "はい", "yes", "true", "○", "◯"].includes(value.trim().toLowerCase());
}

/** Which column of the file holds which field (by header, Japanese or API name). */
export function mapHeader(header: string[], spec: Column[]): Map<string, number> {
  const map = new Map<string, number>();
  header.forEach((cell, index) => {
    const name = cell.replace(/^\uFEFF/, "").trim();
    const column = spec.find((c) => c.header === name || c.key === name);
    if (column && !map.has(column.key)) map.set(column.key, index);
  });
  return map;
}
