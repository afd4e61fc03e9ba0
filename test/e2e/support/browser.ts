/**
 * Headless Chromium from the system (Debian's /usr/bin/chromium) driven by playwright-core, with axe
 * and a Web Vitals recorder injected into pages.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const SCREENSHOTS = path.resolve(import.meta.dirname, "../../../test-results/screenshots");

/** Skips the browser tests with a clear message locally; in CI a missing browser is a failure. */
export function chromiumAvailable(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  const message = `${CHROMIUM} is missing: browser tests need it (apt-get install -y chromium)`;
  if (process.env.CI === "true" || process.env.CI === "1") throw new Error(message);
  console.warn(`SKIPPED: ${message}`);
  return false;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const require = createRequire(import.meta.url);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core run in the page; returns the serious and critical violations only. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: Document): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Records LCP, CLS and interaction durations (for INP) from the first byte; read with readWebVitals. */
export const WEB_VITALS_RECORDER = `
  window.__vitals = { lcp: 0, cls: 0, interactions: [] };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__vitals.lcp = e.startTime; })
    .observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__vitals.cls += e.value; })
    .observe({ type: "layout-shift", buffered: true });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.interactionId) window.__vitals.interactions.push({ name: e.name, duration: e.duration, processing: e.processingEnd - e.processingStart, delay: e.processingStart - e.startTime }); })
    .observe({ type: "event", buffered: true, durationThreshold: 16 });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__vitals.interactions.push({ name: "first-input:" + e.name, duration: e.duration, processing: e.processingEnd - e.processingStart, delay: e.processingStart - e.startTime }); })
    .observe({ type: "first-input", buffered: true });
`;

export interface InteractionTiming {
  name: string;
  duration: number;
  processing: number;
  delay: number;
}

export interface WebVitals {
  lcpMs: number;
  cls: number;
  /** Longest interaction (INP for fewer than 50 interactions); 0 when every one was under 16 ms. */
  inpMs: number;
  interactions: InteractionTiming[];
}

export async function readWebVitals(page: Page): Promise<WebVitals> {
  return page.evaluate(() => {
    const v = (
      window as unknown as { __vitals: { lcp: number; cls: number; interactions: InteractionTiming[] } }
    ).__vitals;
    return {
      lcpMs: v.lcp,
      cls: v.cls,
      inpMs: Math.max(0, ...v.interactions.map((i) => i.duration)),
      interactions: v.interactions,
    };
  });
}

/** Waits until React has hydrated the page, no request is pending and no skeleton shows. */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true");
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);
}
