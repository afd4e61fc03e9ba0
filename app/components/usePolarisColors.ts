import { useEffect, useState } from "react";

/** The Polaris tokens the charts are drawn with, and their light-theme values for the first render. */
const TOKENS = {
  current: ["--p-color-bg-fill-emphasis", "rgba(0, 91, 211, 1)"],
  comparison: ["--p-color-icon-secondary", "rgba(138, 138, 138, 1)"],
  grid: ["--p-color-border-secondary", "rgba(235, 235, 235, 1)"],
  axis: ["--p-color-text-secondary", "rgba(97, 97, 97, 1)"],
} as const;

export type ChartColors = Record<keyof typeof TOKENS, string>;

const fallback = Object.fromEntries(
  Object.entries(TOKENS).map(([key, [, value]]) => [key, value]),
) as ChartColors;

/**
 * Chart colours read from the Polaris CSS custom properties once mounted, so charts follow the admin's
 * theme; SVG attributes cannot reference CSS variables reliably, hence the resolved values.
 */
export function usePolarisColors(): ChartColors {
  const [colors, setColors] = useState<ChartColors>(fallback);
  useEffect(() => {
    const style = getComputedStyle(document.documentElement);
    const resolved = Object.fromEntries(
      Object.entries(TOKENS).map(([key, [token, value]]) => [
        key,
        style.getPropertyValue(token).trim() || value,
      ]),
    ) as ChartColors;
    setColors(resolved);
  }, []);
  return colors;
}
