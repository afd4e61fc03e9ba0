/**
 * Lets keyboard users scroll a Polaris IndexTable or DataTable wider than the screen: its scroll container gets
 * tabindex 0, a role and a name (WCAG 2.1.1, axe's "scrollable-region-focusable"). Polaris renders that
 * container itself, with no prop for it, so the attributes are set once it is mounted.
 */
import { useEffect, useRef, type ReactNode } from "react";

/** The classes of the containers Polaris scrolls; test/components checks the installed Polaris still renders them. */
export const SCROLL_CONTAINER_CLASSES = {
  indexTable: "Polaris-IndexTable-ScrollContainer",
  dataTable: "Polaris-DataTable__ScrollContainer",
} as const;
const SELECTOR = Object.values(SCROLL_CONTAINER_CLASSES)
  .map((name) => `.${name}`)
  .join(", ");

export function KeyboardScrollable({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const container = ref.current?.querySelector<HTMLElement>(SELECTOR);
    if (!container) return;
    container.tabIndex = 0;
    container.setAttribute("role", "region");
    container.setAttribute("aria-label", label);
  });
  return <div ref={ref}>{children}</div>;
}
