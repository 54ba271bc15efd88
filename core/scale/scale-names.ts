/**
 * Invented but plausible Japanese names for the scale seed (seed-scale.ts): people's names with
 * their readings and a romanisation for e-mail addresses, the parts organisations' names are built
 * from, and seminar themes. Data, not vocabulary: the registry's codes come from
 * core/community/codes.ts.
 */

/** [family name, reading, romaji] */
export const familyNames: readonly [string, string, string][] = [
  ["佐藤", "さとう", "sato"],
  ["鈴木", "すずき", "suzuki"],
  ["高橋", "たかはし", "takahashi"],
  ["田中", "たなか", "tanaka"],
  ["伊藤", "いとう", "ito"],
  ["渡辺", "わたなべ", "watanabe"],
  ["山本", "やまもと", "yamamoto"],
  ["中村", "なかむら", "nakamura"],
  ["小林", "こばやし", "kobayashi"],
  ["加藤", "かとう", "kato"],
  ["吉田", "よしだ", "yoshida"],
  ["山田", "やまだ", "yamada"],
  ["佐々木", "ささき", "sasaki"],
  ["山口", "やまぐち", "yamaguchi"],
  ["松本", "まつもと", "matsumoto"],
  ["井上", "いのうえ", "inoue"],
  ["木村", "きむら", "kimura"],
  ["林", "はやし", "hayashi"],
  ["斎藤", "さいとう", "saito"],
  ["清水", "しみず", "shimizu"],
  ["山崎", "やまざき", "yamazaki"],
  ["森", "もり", "mori"],
  ["池田", "いけだ", "ikeda"],
  ["橋本", "はしもと", "hashimoto"],
  ["阿部", "あべ", "abe"],
  ["石川", "いしかわ", "ishikawa"],
  ["前田", "まえだ", "maeda"],
  ["藤田", "ふじた", "fujita"],
  ["後藤", "ごとう", "goto"],
  ["岡田", "おかだ", "okada"],
  ["長谷川", "はせがわ", "hasegawa"],
  ["村上", "むらかみ", "murakami"],
];

/** [given name, reading, romaji] */
export const givenNames: readonly [string, string, string][] = [
  ["太郎", "たろう", "taro"],
  ["健一", "けんいち", "kenichi"],
  ["誠", "まこと", "makoto"],
  ["大輔", "だいすけ", "daisuke"],
  ["翔太", "しょうた", "shota"],
  ["拓也", "たくや", "takuya"],
  ["直樹", "なおき", "naoki"],
  ["浩二", "こうじ", "koji"],
  ["隆", "たかし", "takashi"],
  ["剛", "つよし", "tsuyoshi"],
  ["和也", "かずや", "kazuya"],
  ["亮", "りょう", "ryo"],
  ["花子", "はなこ", "hanako"],
  ["陽子", "ようこ", "yoko"],
  ["恵美", "えみ", "emi"],
  ["裕子", "ゆうこ", "yuko"],
  ["美咲", "みさき", "misaki"],
  ["愛", "あい", "ai"],
  ["真由美", "まゆみ", "mayumi"],
  ["由美子", "ゆみこ", "yumiko"],
  ["智子", "ともこ", "tomoko"],
  ["彩", "あや", "aya"],
  ["千尋", "ちひろ", "chihiro"],
  ["舞", "まい", "mai"],
];

/** The first part of a company's name: [name, reading] */
export const companyStems: readonly [string, string][] = [
  ["みらい", "みらい"],
  ["あおば", "あおば"],
  ["ひかり", "ひかり"],
  ["さくら", "さくら"],
  ["東洋", "とうよう"],
  ["中央", "ちゅうおう"],
  ["日進", "にっしん"],
  ["大和", "やまと"],
  ["北斗", "ほくと"],
  ["協和", "きょうわ"],
  ["昭栄", "しょうえい"],
  ["富士", "ふじ"],
  ["朝日", "あさひ"],
  ["若葉", "わかば"],
  ["丸山", "まるやま"],
  ["平和", "へいわ"],
  ["山水", "さんすい"],
  ["港", "みなと"],
  ["光陽", "こうよう"],
  ["新星", "しんせい"],
  ["緑川", "みどりかわ"],
  ["白鷺", "しらさぎ"],
  ["青山", "あおやま"],
  ["錦", "にしき"],
];

/** What a company of each questionnaire industry (q1 code) calls itself: [word, reading] */
export const companyTrades: Readonly<Record<string, readonly [string, string][]>> = {
  agriculture: [
    ["農産", "のうさん"],
    ["水産", "すいさん"],
  ],
  construction: [
    ["建設", "けんせつ"],
    ["工務店", "こうむてん"],
  ],
  manufacturing: [
    ["精工", "せいこう"],
    ["製作所", "せいさくしょ"],
    ["食品工業", "しょくひんこうぎょう"],
    ["化成", "かせい"],
  ],
  utilities: [["エネルギー", "えねるぎー"]],
  ict: [
    ["システム", "しすてむ"],
    ["ソフトウェア", "そふとうぇあ"],
    ["情報サービス", "じょうほうさーびす"],
    ["ネットワーク", "ねっとわーく"],
  ],
  transport: [
    ["運輸", "うんゆ"],
    ["ロジスティクス", "ろじすてぃくす"],
  ],
  trade: [
    ["商事", "しょうじ"],
    ["商店", "しょうてん"],
  ],
  "real-estate": [["不動産", "ふどうさん"]],
  professional: [
    ["技研", "ぎけん"],
    ["設計事務所", "せっけいじむしょ"],
  ],
  hospitality: [
    ["観光", "かんこう"],
    ["ホテル", "ほてる"],
  ],
  medical: [
    ["メディカル", "めでぃかる"],
    ["福祉会", "ふくしかい"],
  ],
  services: [
    ["サービス", "さーびす"],
    ["印刷", "いんさつ"],
  ],
};

export const departments = ["総務部", "情報システム部", "経営企画部", "技術部", "営業部", "管理部", "DX推進室"];
export const titles = ["部長", "課長", "係長", "主任", "担当", "代表取締役", "取締役"];

export const seminarThemes = [
  "ランサムウェアから事業を守る",
  "中小企業のための情報セキュリティ対策",
  "テレワーク時代のセキュリティ",
  "サプライチェーン攻撃と取引先管理",
  "標的型メール訓練の実践",
  "インシデント対応の初動",
  "SECURITY ACTION 宣言のすすめ",
  "クラウド利用のセキュリティ",
  "制御システムのセキュリティ",
  "個人情報保護と漏えい対応",
];
