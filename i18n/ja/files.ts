/** Messages of core/files: the reader and writer every import and export shares (docs/csv.md). */
export const files = {
  "field.file-too-large": "ファイルが大きすぎます（上限 {limit}）。分けて取り込んでください。",
  "field.file-too-many-rows": "行が多すぎます（上限 {limit} 行）。分けて取り込んでください。",
  "field.file-too-many-columns": "{line}行目の列が多すぎます（上限 {limit} 列）。",
  "field.file-cell-too-long": "{line}行目に長すぎるセルがあります（上限 {limit} 文字）。",
  "field.file-xlsx-too-many-entries": "Excel ファイルの構成要素が多すぎます（上限 {limit}）。",
  "field.file-xlsx-too-many-sheets": "シートが多すぎます（上限 {limit} シート）。",
  "field.file-xlsx-inflated-too-large":
    "Excel ファイルの展開後の大きさが上限（{limit}）を超えます。不要なシートや書式を削除してください。",
  "field.file-xlsx-row-too-wide": "1行のセルが多すぎます（上限 {limit}）。書式だけのセルを削除してください。",
  "field.file-xlsx-malformed": "Excel（.xlsx）ファイルとして読み取れません。",
  "field.file-encoding-unknown":
    "文字コードを判別できません。UTF-8・UTF-16・Shift_JIS（CP932）のいずれかで保存してください。",
  "field.file-csv-malformed":
    'CSV として読み取れません（引用符 " が閉じていません。{line}行目までに開いた引用符を確認してください）。',
  "field.file-cp932-unmappable":
    "Shift_JIS（CP932）で表せない文字があります：{characters}（{count}セル：{cells}）。UTF-8 で書き出してください。",
  "files.export.responsesCsvCp932": "回答データ（CSV・Shift_JIS、古い Excel 向け）",
  "files.export.csvCp932": "CSV（Shift_JIS・古い Excel 向け）",
} as const;
