/** The command line (`npx chiiki …`). */
export const cli = {
  "cli.usage": "使い方: npx chiiki [--community スラッグ] <コマンド> [オプション]  （英語で表示: --lang en）",
  "cli.commands": "コマンド:",
  "cli.helpHint": "各コマンドの詳細: npx chiiki help <コマンド>",
  "cli.commandUsage": "使い方: npx chiiki {usage}",
  "cli.unknownCommand": "不明なコマンドです: {command}",
  "cli.unknownCommunity": "スラッグ {slug} のコミュニティはありません (docs/communities.md を参照)",
  "cli.summary.community-create": "このインストールに別のコミュニティを作成します (docs/communities.md)",
  "cli.summary.community-list": "このインストールのコミュニティを一覧表示します",
  "cli.community.created":
    "コミュニティ {slug} を作成しました ({id})。事務局の登録: npx chiiki --community {slug} admin create …",
  "cli.badArguments": "引数に誤りがあります: {detail}",
  "cli.failed": "失敗しました: {message}",
  "cli.fieldError": "  {field}: {message}",
  "cli.summary.help": "コマンドの一覧と使い方を表示します",
  "cli.summary.migrate": "データベースのマイグレーションを適用します",
  "cli.summary.admin-create":
    "事務局アカウントを作成します（パスワードは --password、標準入力、CHIIKI_ADMIN_PASSWORD のいずれか）",
  "cli.summary.token-create": "API トークンを作成し、トークンだけを最後の行に出力します",
  "cli.summary.token-list": "API トークンの一覧を表示します",
  "cli.summary.token-revoke": "API トークンを失効させます",
  "cli.summary.demo": "デモ用の年度（長崎・令和2年度）を読み込みます（何度実行しても同じ結果）",
  "cli.summary.backup": "データベースとアップロードファイルを1つのファイルにバックアップします",
  "cli.summary.restore": "バックアップを空のインストールに復元します（SQLite ⇔ PostgreSQL も可）",
  "cli.migrate.applied": "適用しました: {name}",
  "cli.migrate.upToDate": "データベースは最新です（適用済みのマイグレーション {count} 件）。",
  "cli.admin.passwordPrompt": "パスワード（{min}文字以上）: ",
  "cli.admin.noPassword":
    "パスワードがありません。--password、標準入力、または CHIIKI_ADMIN_PASSWORD で指定してください。",
  "cli.admin.created": "事務局アカウントを作成しました: {email}",
  "cli.admin.granted":
    "既存のアカウント {email} にこのコミュニティの事務局の役割を付与しました（パスワードと二段階認証はそのままです）。",
  "cli.admin.installed": "最初の事務局アカウントを作成し、初期設定を完了しました: {email}",
  "cli.admin.twoFactorNext": "初回ログイン後に二段階認証（認証アプリ）の設定を求められます。",
  "cli.token.created":
    "API トークン「{name}」を作成しました（ID: {id}）。トークンは次の行にだけ表示され、二度と表示されません。",
  "cli.token.none": "API トークンはありません。",
  "cli.token.header": "ID\t名前\t役割\t対象\t作成日時\t最終使用\t失効日時",
  "cli.token.revoked": "API トークン {id} を失効させました。",
  "cli.demo.done": "デモデータの読み込みが完了しました。",
  "cli.backup.done": "バックアップを作成しました: {file}（テーブル {tables}、行 {rows}、ファイル {files}）",
  "cli.restore.done": "復元しました: {file}（テーブル {tables}、行 {rows}、ファイル {files}）",
} as const;
