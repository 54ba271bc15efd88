/**
 * A record's input (create or patch) as table columns. Forms and the API send only the fields they
 * change, so a field that is absent (undefined) leaves its column alone, while null clears it.
 */

/**
 * The columns named in `map` (input field → column) for the fields `input` gives. A column in
 * `whenCleared` is NOT NULL: clearing its field stores that value instead of null.
 */
export function patchColumns<Input extends object>(
  input: Input,
  map: { readonly [K in keyof Input]?: string },
  whenCleared: Record<string, unknown> = {},
): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(map) as [keyof Input, string][]) {
    const value = input[key];
    if (value !== undefined) columns[column] = value === null && column in whenCleared ? whenCleared[column] : value;
  }
  return columns;
}
