/**
 * The registry's closed vocabularies. Codes are stored; labels live in the i18n catalogs under
 * `community.<vocabulary>.<code>`. Prefecture, industry and size band reuse the standard
 * questionnaire's q3, q1 and q2 codes, so survey answers and the registry can be compared.
 */
export const sectors = ["industry", "academia", "government", "finance", "media", "nonprofit", "other"] as const;
export const memberships = ["member", "partner", "none"] as const;
export const prefectures = [
  "hokkaido",
  "aomori",
  "iwate",
  "miyagi",
  "akita",
  "yamagata",
  "fukushima",
  "ibaraki",
  "tochigi",
  "gunma",
  "saitama",
  "chiba",
  "tokyo",
  "kanagawa",
  "niigata",
  "toyama",
  "ishikawa",
  "fukui",
  "yamanashi",
  "nagano",
  "gifu",
  "shizuoka",
  "aichi",
  "mie",
  "shiga",
  "kyoto",
  "osaka",
  "hyogo",
  "nara",
  "wakayama",
  "tottori",
  "shimane",
  "okayama",
  "hiroshima",
  "yamaguchi",
  "tokushima",
  "kagawa",
  "ehime",
  "kochi",
  "fukuoka",
  "saga",
  "nagasaki",
  "kumamoto",
  "oita",
  "miyazaki",
  "kagoshima",
  "okinawa",
  "overseas",
] as const;
export const industries = [
  "agriculture",
  "construction",
  "manufacturing",
  "utilities",
  "ict",
  "transport",
  "trade",
  "finance",
  "real-estate",
  "professional",
  "hospitality",
  "education",
  "medical",
  "services",
  "public",
  "other",
] as const;
export const sizeBands = ["1-5", "6-20", "21-50", "51-100", "101-300", "301-1000", "1001+"] as const;
export const groupKinds = ["research-group", "working-group", "consortium", "external-community", "committee"] as const;
export const agreementStatuses = ["in-force", "ended"] as const;
export const decisionStatuses = ["open", "done", "dropped"] as const;
export const activityKinds = [
  "webinar",
  "general-assembly",
  "study-session",
  "meeting",
  "seminar",
  "training",
  "other",
] as const;
/** riss = 情報処理安全確保支援士 (登録セキスペ), the one the seed's considerations single out. */
export const qualificationKinds = ["riss", "cissp", "cism", "cisa", "giac", "other"] as const;
/** Officer roles offered in forms; any other text is accepted too. */
export const officerRoles = ["会長", "副会長", "部会長", "監事", "幹事", "事務局", "キーパーソン"] as const;

export type Sector = (typeof sectors)[number];
export type Membership = (typeof memberships)[number];
export type GroupKind = (typeof groupKinds)[number];
