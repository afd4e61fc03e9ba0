/**
 * Lets keyboard users scroll a Polaris IndexTable wider than the screen: its scroll container gets
 * tabindex 0, a role and a name (WCAG 2.1.1, axe's "scrollable-region-focusable"). Polaris renders that
 * container itself, with no prop for it, so the attributes are set once it is mounted.
 */
import { useEffect, useRef, type ReactNode } from "react";

export function KeyboardScrollable({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const container = ref.current?.querySelector<HTMLElement>(".Polaris-IndexTable-ScrollContainer");
    if (!container) return;
    container.tabIndex = 0;
    container.setAttribute("role", "region");
    container.setAttribute("aria-label", label);
  });
  return <div ref={ref}>{children}</div>;
}
