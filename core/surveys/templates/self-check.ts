/**
 * IPA's 「5分でできる！情報セキュリティ自社診断」 (the SME self-check behind SECURITY ACTION
 * ★★二つ星) as SurveyJS JSON: its 25 items in IPA's three parts, one matrix per part, each item
 * answered 実施している / 一部実施している / 実施していない / わからない. The Japanese wording is
 * IPA's as the Tokyo Metropolitan Government's SME handbook quotes it (出典: IPA, docs/self-check.md);
 * the English is ours. Item codes (i01–i25 = IPA's No.1–25) and answer codes never change: the
 * score (self-check-score.ts) and every comparison read them.
 */
import { choices, type Localised } from "./build.ts";

export const SELF_CHECK = "ipa-self-check";

export interface SelfCheckItem {
  /** i01 … i25, IPA's No.1 … No.25 */
  code: string;
  text: Localised;
}

export interface SelfCheckPart {
  /** The matrix question's name: part1, part2, part3. */
  name: string;
  title: Localised;
  items: SelfCheckItem[];
}

const item = (no: number, ja: string, en: string): SelfCheckItem => ({
  code: `i${String(no).padStart(2, "0")}`,
  text: { ja: `${no}. ${ja}`, en: `${no}. ${en}` },
});

export const selfCheckParts: SelfCheckPart[] = [
  {
    name: "part1",
    title: { ja: "Part 1 基本的対策", en: "Part 1 Basic measures" },
    items: [
      item(
        1,
        "パソコンやスマホ等情報機器の OS やソフトウェアは常に最新の状態にしていますか？",
        "Are the operating systems and software of PCs, smartphones and other devices always kept up to date?",
      ),
      item(
        2,
        "パソコンやスマホ等にはウイルス対策ソフトを導入し、ウイルス定義ファイルは最新の状態にしていますか？",
        "Is anti-virus software installed on PCs, smartphones and the like, with its virus definitions kept up to date?",
      ),
      item(
        3,
        "パスワードは破られにくい「長く」「複雑な」パスワードを設定していますか？",
        "Are passwords long and complex, so that they are hard to break?",
      ),
      item(
        4,
        "重要情報に対する適切なアクセス制限を行っていますか？",
        "Is access to important information appropriately restricted?",
      ),
      item(
        5,
        "新たな脅威や攻撃の手口を知り対策を社内共有する仕組みはできていますか？",
        "Is there a way to learn of new threats and attack methods and to share the countermeasures within the company?",
      ),
    ],
  },
  {
    name: "part2",
    title: { ja: "Part 2 従業員としての対策", en: "Part 2 Measures for employees" },
    items: [
      item(
        6,
        "電子メールの添付ファイルや本文中のURLリンクを介したウイルス感染に気をつけていますか？",
        "Do you take care against infection through e-mail attachments and links in the message text?",
      ),
      item(
        7,
        "電子メールや FAX の宛先の送信ミスを防ぐ取組みを実施していますか？",
        "Do you take steps against sending e-mail or faxes to the wrong recipient?",
      ),
      item(
        8,
        "重要情報は電子メール本文に書くのではなく、添付するファイルに書いてパスワード等で保護していますか？",
        "Is important information sent in an attached file protected by a password or the like, rather than in the text of an e-mail?",
      ),
      item(
        9,
        "無線LANを安全に使うために適切な暗号化方式を設定する等の対策をしていますか？",
        "Is the wireless LAN used safely, for example with an appropriate encryption method set?",
      ),
      item(
        10,
        "インターネットを介したウイルス感染や SNSへの書き込み等によるトラブルへの対策をしていますか？",
        "Are there measures against infection over the internet and against trouble caused by posts on social media?",
      ),
      item(
        11,
        "パソコンやサーバのウイルス感染、故障や誤操作による重要情報の消失に備えてバックアップを取得していますか？",
        "Are backups taken against losing important information through infection, failure or mistakes on PCs and servers?",
      ),
      item(
        12,
        "紛失や盗難を防止するため、重要情報が記載された書類や電子媒体は机上に放置せず、書庫等に安全に保管していますか？",
        "To prevent loss and theft, are papers and media holding important information kept safely in cabinets rather than left on desks?",
      ),
      item(
        13,
        "重要情報が記載された書類や電子媒体を持ち出す時は、盗難や紛失の対策をしていますか？",
        "When papers or media holding important information are taken out, are there measures against theft and loss?",
      ),
      item(
        14,
        "離席時にパソコン画面の覗き見や勝手な操作ができないようにしていますか？",
        "When you leave your desk, is your PC screen protected from being viewed or used by others?",
      ),
      item(
        15,
        "関係者以外の事務所への立ち入りを制限していますか？",
        "Is entry to the office restricted to the people concerned?",
      ),
      item(
        16,
        "退社時にノートパソコンや備品を施錠保管する等盗難防止対策をしていますか？",
        "Are there anti-theft measures, such as locking away laptops and equipment when you leave for the day?",
      ),
      item(
        17,
        "事務所が無人になる時の施錠忘れ対策を実施していますか？",
        "Are there measures against forgetting to lock the office when nobody is there?",
      ),
      item(
        18,
        "重要情報が記載された書類や重要なデータが保存された媒体を破棄する時は、復元できないようにしていますか？",
        "When papers or media holding important information or data are disposed of, is it done so that they cannot be recovered?",
      ),
    ],
  },
  {
    name: "part3",
    title: { ja: "Part 3 組織としての対策", en: "Part 3 Measures as an organisation" },
    items: [
      item(
        19,
        "従業員に守秘義務を理解してもらい、業務上知り得た情報を外部に漏らさない等のルールを守らせていますか？",
        "Do employees understand their duty of confidentiality and keep rules such as not disclosing what they learn at work?",
      ),
      item(
        20,
        "従業員にセキュリティに関する教育や注意喚起を行っていますか？",
        "Are employees given security training and reminders?",
      ),
      item(
        21,
        "個人所有の情報機器を業務で利用する場合のセキュリティ対策を明確にしていますか？",
        "Are the security measures for using personally owned devices at work clearly set out?",
      ),
      item(
        22,
        "重要情報の授受を伴う取引先との契約書には、秘密保持条項を規定していますか？",
        "Do contracts with partners that exchange important information include a confidentiality clause?",
      ),
      item(
        23,
        "クラウドサービスやWebサイトの運用等で利用する外部サービスは、安全・信頼性を把握して選定していますか？",
        "Are outside services, such as cloud services or website hosting, chosen knowing how safe and reliable they are?",
      ),
      item(
        24,
        "セキュリティ事故が発生した場合に備え、緊急時の体制整備や対応手順を作成する等準備をしていますか？",
        "Are you prepared for a security incident, for example with an emergency team and response procedures?",
      ),
      item(
        25,
        "情報セキュリティ対策（上記 1 ～ 24 等）をルール化し、従業員に明示していますか？",
        "Are the security measures (such as 1–24 above) written down as rules and made clear to employees?",
      ),
    ],
  },
];

/** The four answers, in IPA's order; their points are in self-check-score.ts. */
export const selfCheckColumns = choices([
  ["done", "実施している", "Done"],
  ["partly", "一部実施している", "Partly done"],
  ["not-done", "実施していない", "Not done"],
  ["unknown", "わからない", "Don't know"],
]);

export function selfCheckDefinition() {
  return {
    locale: "ja",
    title: { ja: "5分でできる！情報セキュリティ自社診断", en: "Information security self-check (IPA, 5 minutes)" },
    description: {
      ja: "独立行政法人情報処理推進機構（IPA）の自社診断です。経営者または対策の状況を把握している方がお答えください。",
      en: "The self-check of Japan's Information-technology Promotion Agency (IPA). To be answered by the owner or whoever knows how the measures stand.",
    },
    showQuestionNumbers: "off",
    pages: selfCheckParts.map((part) => ({
      name: part.name,
      title: part.title,
      elements: [
        {
          type: "matrix",
          name: part.name,
          isRequired: true,
          isAllRowRequired: true,
          title: {
            ja: `${part.title.ja}：各項目について、もっとも近いものを1つずつ選択してください。`,
            en: `${part.title.en}: choose one answer per item.`,
          },
          columns: selfCheckColumns,
          rows: part.items.map((i) => ({ value: i.code, text: i.text })),
        },
      ],
    })),
  };
}
