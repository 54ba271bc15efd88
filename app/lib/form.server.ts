/**
 * The one way a page reads a submitted form: FormData becomes the plain input that the core use
 * case parses with its own zod schema (`parseInput`), the same schema the JSON API uses, so a
 * mistake gets the same field code and message (`runForm` puts them beside the fields).
 *
 * - `name` → a string (files are left to app/lib/upload.server.ts);
 * - `list.0.field`, `list.0.inner.1.field` → arrays of objects in index order; a row left entirely
 *   blank (the spare rows a form without JavaScript offers) is dropped;
 * - `checkboxes` → true when ticked, false when not (an unticked box sends nothing); a box in a row
 *   is named without its index (`seatTypes.waitlist`);
 * - `many` → every value of a repeated name (a multi-select), blanks dropped;
 * - `lists` → present even when no row was sent (a list is replaced as a whole);
 * - `blankAsMissing` → fields left empty are left out (for schemas whose optional fields refuse "");
 * - `omit` → names left out; by default `intent`, which names the button pressed (a use case
 *   whose input is a choice of actions, like the survey editor's, keeps it with `omit: []`).
 */
export interface FormShape {
  checkboxes?: readonly string[];
  many?: readonly string[];
  lists?: readonly string[];
  blankAsMissing?: boolean;
  omit?: readonly string[];
}

/** A row whose only values are these (a select's default, a hidden id) counts as blank. */
const IGNORED_WHEN_BLANK = new Set(["id", "status", "kind", "eligibility"]);

type Tree = { [key: string]: Tree | string | boolean };

export function formInput(form: FormData, shape: FormShape = {}): Record<string, unknown> {
  const checkboxes = new Set(shape.checkboxes ?? []);
  const many = new Set(shape.many ?? []);
  const omit = new Set(shape.omit ?? ["intent"]);
  const tree: Tree = {};
  for (const [key, value] of form) {
    if (typeof value !== "string" || omit.has(key) || many.has(key)) continue;
    if (shape.blankAsMissing && value.trim() === "") continue;
    const path = key.split(".");
    const leaf = path.at(-1)!;
    let node = tree;
    for (const part of path.slice(0, -1)) {
      const next = node[part];
      node = typeof next === "object" ? next : (node[part] = {});
    }
    node[leaf] = checkboxes.has(key.replace(/\.\d+(?=\.)/g, "")) ? value === "on" || value === "true" : value;
  }
  const result = toArrays(tree) as Record<string, unknown>;
  for (const name of checkboxes) untickedAsFalse(result, name.split("."));
  for (const name of many)
    result[name] = form.getAll(name).filter((v): v is string => typeof v === "string" && v.trim() !== "");
  for (const list of shape.lists ?? []) result[list] ??= [];
  return result;
}

/** An unticked box sends nothing: it is false, at the top or in every row of its list. */
function untickedAsFalse(node: unknown, path: string[]): void {
  if (Array.isArray(node)) {
    for (const row of node) untickedAsFalse(row, path);
    return;
  }
  if (!node || typeof node !== "object") return;
  const record = node as Record<string, unknown>;
  const [head, ...rest] = path;
  if (rest.length === 0) record[head!] ??= false;
  else untickedAsFalse(record[head!], rest);
}

/** Objects keyed 0, 1, 2… become arrays (in index order), their blank rows dropped. */
function toArrays(node: Tree | string | boolean): unknown {
  if (typeof node !== "object") return node;
  const keys = Object.keys(node);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((i) => node[String(i)]!)
      .filter((row) => !isBlank(row))
      .map(toArrays);
  }
  return Object.fromEntries(keys.map((k) => [k, toArrays(node[k]!)]));
}

function isBlank(row: Tree | string | boolean): boolean {
  if (typeof row === "string") return row.trim() === "";
  if (typeof row === "boolean") return true;
  return Object.entries(row).every(([k, v]) => (typeof v === "string" && IGNORED_WHEN_BLANK.has(k)) || isBlank(v));
}
