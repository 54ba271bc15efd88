/**
 * The SME security posture the programme tracks, each list once (issue 18; docs/community.md):
 * - `security-action`: IPA's SECURITY ACTION self-declaration, ★一つ星 or ★★二つ星, with its 宣言ID
 *   (required for IT導入補助金);
 * - `scs`: the サプライチェーン強化に向けたセキュリティ対策評価制度 mark, ★3 or ★4, with its expiry
 *   (from FY2026);
 * - `otasuketai`: an サイバーセキュリティお助け隊 service in use (its name);
 * - `cyber-insurance`: cyber insurance held (the insurer).
 * A record with level `none` says the organisation no longer holds it (history keeps the past).
 */
export const postureKinds = ["security-action", "scs", "otasuketai", "cyber-insurance"] as const;
export type PostureKind = (typeof postureKinds)[number];

export const postureLevels = {
  "security-action": ["one-star", "two-star", "none"],
  scs: ["star-3", "star-4", "none"],
  otasuketai: ["yes", "none"],
  "cyber-insurance": ["yes", "none"],
} as const satisfies Record<PostureKind, readonly string[]>;

/** Organisations counted as "member SMEs" for the posture rates: members with up to 300 employees. */
export const smeSizeBands = ["1-5", "6-20", "21-50", "51-100", "101-300"] as const;

/**
 * IPA's 自社診断 score, kept in the same history (migration 0115): never recorded by hand, only
 * by a completed self-check answered for the organisation (core/surveys/templates/self-check.ts);
 * its level is the band, its `score` the total.
 */
export const SELF_CHECK_KIND = "self-check";
