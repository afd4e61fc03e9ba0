/**
 * Tells assistive technology how a Polaris IndexTable is sorted: Polaris draws the sort arrows on its
 * sortable headings but sets no aria-sort, so the table's own header cells get it once mounted.
 */
import { useEffect, useRef, type ReactNode } from "react";

export function AriaSorted(props: {
  /** Index of the sorted heading, or null when the table is not sorted by a heading. */
  column: number | null;
  direction: "ascending" | "descending";
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const cells = ref.current?.querySelectorAll<HTMLElement>("table > thead > tr > th") ?? [];
    cells.forEach((cell, index) => {
      if (index === props.column) cell.setAttribute("aria-sort", props.direction);
      else cell.removeAttribute("aria-sort");
    });
  });
  return <div ref={ref}>{props.children}</div>;
}
