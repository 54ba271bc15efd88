/**
 * The demo year's information sharing (demo-year.md, sections 2.5 and 5): the prefectural
 * police's flyers relayed as TLP:CLEAR advisories; the seminar's slides, one consented by its
 * speaker for members only (view only, as the stakeholder meeting decided: members may view,
 * public posting such as YouTube is forbidden) and one still awaiting consent; and the mailing
 * that announced the seminar to members, sent.
 */
import type { DemoStep } from "../demo/demo-step.ts";
import { approveMailing, submitMailing } from "../mailings/approve-mailing.ts";
import { createMailing } from "../mailings/create-mailing.ts";
import { dispatchDueMailings } from "../mailings/dispatch-due-mailings.ts";
import { addPostAttachment } from "./add-post-attachment.ts";
import { createPost } from "./create-post.ts";
import type { SharingDeps } from "./deps.ts";
import { recordMaterialConsent } from "./material-consent.ts";
import { renderTextPdf } from "./text-pdf.ts";
import { uploadMaterial } from "./upload-material.ts";
import { newSecretToken, sha256 } from "../shared/crypto.ts";

const POLICE = "長崎県警察本部 サイバー犯罪対策課";

const flyers = [
  {
    title: "【長崎県警察】フィッシングメール・偽SMSにご注意ください",
    summary:
      "宅配業者や銀行を装ったメールやSMSのリンクから偽サイトに誘導し、IDやパスワードを盗む手口が県内でも確認されています。",
    body: "# 手口\n\n- 宅配業者の不在通知を装うSMS\n- 銀行・カード会社を装う「本人確認」メール\n\n# 被害に遭ったら\n\n最寄りの警察署、または県警サイバー犯罪対策課へご相談ください。",
    whatToDo: "メールやSMSのリンクからIDやパスワードを入力しない。公式アプリやブックマークから確認する。",
    severity: "medium" as const,
  },
  {
    title: "【長崎県警察】ランサムウェアによる被害の防止について",
    summary:
      "VPN機器の脆弱性や推測されやすいパスワードを悪用した侵入から、データを暗号化して金銭を要求する被害が中小企業にも広がっています。",
    body: "# 対策のポイント\n\n1. VPN機器・OSを最新の状態に保つ\n2. バックアップをネットワークから切り離して保管する\n3. 不審な挙動があれば電源を切らずにネットワークから切り離す",
    whatToDo: "VPN機器の更新状況を確認し、バックアップの保管方法を見直してください。",
    severity: "high" as const,
  },
];

/** The demo's flyer as one page: the heading, then lines of text. */
function japanesePdf(lines: string[]): Promise<Uint8Array> {
  return renderTextPdf([lines]);
}

export const sharingDemo: DemoStep = {
  name: "sharing",
  async run({ db, clock, actor, storage, accounts, log }) {
    // Unsubscribe links are signed with the installation's secret, the one the app checks them with.
    const deps: SharingDeps = { db, clock, storage, baseUrl: accounts.baseUrl, secret: accounts.auth.options.secret! };

    for (const flyer of flyers) {
      if (await db.selectFrom("posts").select("id").where("title", "=", flyer.title).executeTakeFirst()) continue;
      const { id } = await createPost(deps, actor, {
        ...flyer,
        kind: "advisory",
        tlp: "CLEAR",
        sourceOrganisation: POLICE,
        sourceUrl: "https://www.police.pref.nagasaki.jp/",
      });
      await addPostAttachment(deps, actor, id, {
        name: "チラシ.pdf",
        bytes: await japanesePdf([
          flyer.title.replace("【長崎県警察】", ""),
          flyer.summary.slice(0, 40),
          flyer.summary.slice(40, 80),
          POLICE,
        ]),
      });
      log(`advisory (TLP:CLEAR): ${flyer.title}`);
    }

    const seminar = await db
      .selectFrom("events")
      .select(["id"])
      .where("title", "=", "地域情報セキュリティセミナー")
      .orderBy("starts_at")
      .executeTakeFirst();
    const sessions = seminar
      ? await db
          .selectFrom("event_sessions")
          .select(["id", "title", "position"])
          .where("event_id", "=", seminar.id)
          .orderBy("position")
          .execute()
      : [];
    const talks = [
      {
        title: "長崎県内のサイバーセキュリティについて",
        speakerName: "長崎県警察本部 サイバー犯罪対策課 課長補佐（警部）",
        speakerEmail: "speaker1@police.example.invalid",
        consent: "members" as const,
      },
      {
        title: "最新のサイバー攻撃の実態とセキュリティ対策課題",
        speakerName: "トレンドマイクロ株式会社 シニアセキュリティアナリスト",
        speakerEmail: "speaker2@trendmicro.example.invalid",
        consent: null,
      },
    ];
    for (const [i, talk] of talks.entries()) {
      if (await db.selectFrom("talk_materials").select("id").where("title", "=", talk.title).executeTakeFirst())
        continue;
      const session = sessions.find((s) => s.title === talk.title) ?? sessions[i];
      const { id } = await uploadMaterial(
        deps,
        actor,
        {
          eventId: seminar?.id,
          sessionId: session?.id,
          title: talk.title,
          speakerName: talk.speakerName,
          speakerEmail: talk.speakerEmail,
        },
        {
          name: `講演資料${i + 1}.pdf`,
          bytes: await japanesePdf([talk.title, talk.speakerName, "地域情報セキュリティセミナー 2021年1月27日"]),
        },
      );
      if (talk.consent) {
        // The speaker answered the mailed link; the demo answers it with a token of its own.
        const token = newSecretToken("mc_");
        await db
          .updateTable("talk_materials")
          .set({ consent_token_hash: sha256(token) })
          .where("id", "=", id)
          .execute();
        // The stakeholder meeting's rule (demo-year.md 2.4): with the speaker's approval of copyright,
        // members may view the slides; nothing goes public.
        await recordMaterialConsent(deps, token, {
          scope: talk.consent,
          rights: ["copyright"],
          downloadAllowed: false,
        });
      }
      log(
        `talk material: ${talk.title} (${talk.consent ? "members only, view only" : "awaiting the speaker's consent"})`,
      );
    }

    const subject = "【ご案内】地域情報セキュリティセミナー（1月27日）";
    if (!(await db.selectFrom("mailings").select("id").where("subject", "=", subject).executeTakeFirst())) {
      const { id } = await createMailing(deps, actor, {
        subject,
        bodyTemplate:
          "{organisation}\n{name} 様\n\n1月27日（水）15:00から、ホテルニュー長崎とオンライン（Webex）で地域情報セキュリティセミナーを開催します。\nお申し込みはホームページからお願いいたします。",
        audience: { kind: "all-members" },
      });
      if ((await submitMailing(deps, actor, id)).status === "awaiting-approval") await approveMailing(deps, actor, id);
      await dispatchDueMailings(deps, { ratePerMinute: 100_000 });
      log(`mailing sent: ${subject}`);
    }
  },
};
