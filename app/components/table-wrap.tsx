/**
 * A table that scrolls sideways on a phone. The region is focusable and named, so keyboard
 * users can scroll it too (axe: scrollable-region-focusable).
 */
export function TableWrap({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a scroll container, not a section of the page's outline
    // biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users scroll it (axe: scrollable-region-focusable)
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/**
 * A captioned table of counts: one row per `rows` item, headed by `rowHeader`, and one number
 * column per `columns` entry (its heading and the count it reads from the row).
 */
export function CountsTable<R extends { key: string }>({
  caption,
  rows,
  columns,
  rowHeader,
  rowHeaderClassName,
}: {
  caption: string;
  rows: R[];
  columns: { heading: string; count: (row: R) => number }[];
  rowHeader: (row: R) => React.ReactNode;
  rowHeaderClassName?: string;
}) {
  return (
    <TableWrap label={caption}>
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{caption}</th>
            {columns.map((c) => (
              <th key={c.heading} scope="col" className="num">
                {c.heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" className={rowHeaderClassName}>
                {rowHeader(r)}
              </th>
              {columns.map((c) => (
                <td key={c.heading} className="num">
                  {c.count(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
