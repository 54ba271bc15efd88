/**
 * Line breaks for Japanese headings at phrase boundaries. A typesetter may break Japanese between
 * any two characters, which splits words (開/催, 関係者/会議) in a heading; BudouX (Google's phrase
 * segmenter, with its Japanese model) gives the phrases, and lines are filled with whole phrases.
 */
import { loadDefaultJapaneseParser } from "budoux";

const parser = loadDefaultJapaneseParser();

/**
 * The text as lines no wider than `width` by `measure`, breaking only between phrases. A phrase
 * that is wider than a line on its own gets a line of its own (the typesetter then wraps it).
 */
export function phraseLines(text: string, width: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const phrase of parser.parse(text)) {
    if (line !== "" && measure(line + phrase) > width) {
      lines.push(line.trimEnd());
      line = phrase.trimStart();
    } else line += phrase;
  }
  if (line !== "") lines.push(line.trimEnd());
  return lines;
}
