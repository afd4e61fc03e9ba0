/**
 * kpi compute: every KPI of a shop for one period, with numerator and denominator and the comparison
 * periods, computed by the SQL engine from its rollups as of `--now` (default: now).
 *
 *   kpi compute --shop pulse-demo.myshopify.com --period 2026-10 --json
 *   kpi compute --shop pulse-demo.myshopify.com --period 2026-W44 --now 2026-11-01T12:00:00Z
 *   kpi compute --shop pulse-demo.myshopify.com --period last-30-days --refresh
 *
 * A query: it writes nothing (a read-only transaction), whatever `--now` says. The rollups are read as the
 * last recompute left them, and the output says what it has not seen yet. `--refresh` first runs the
 * recompute the worker would run, at the real time (never at `--now`): that one writes, as the worker does.
 *
 * DATABASE_URL is read from the environment; unset, the embedded database is used as the app does.
 */
import { parseArgs } from "node:util";
import type { KpiCommand } from "../kpi";
import { createPrismaClient } from "~/db.server";
import { parsePeriod } from "~/kpi/calendar/parse-period";
import type { KpiValue } from "~/kpi-engine/derive";
import { computePeriodReport, type RollupFreshness } from "~/kpi-engine/compute-period.server";
import { recomputeShop } from "~/kpi-engine/recompute.server";

const USAGE = `usage: kpi compute --shop <domain> --period <yyyy-mm | yyyy-Www | yyyy-mm-dd | yyyy-Qn | yyyy | last-N-days> [--json] [--now <ISO instant>] [--refresh]
`;

class UsageError extends Error {}

function parse(args: readonly string[]) {
  const { values } = parseArgs({
    args: [...args],
    options: {
      shop: { type: "string" },
      period: { type: "string" },
      json: { type: "boolean", default: false },
      now: { type: "string" },
      refresh: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (!values.shop) throw new UsageError("--shop is required");
  if (!values.period) throw new UsageError("--period is required");
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now is not an instant: ${values.now}`);
  return {
    shop: values.shop,
    period: values.period,
    json: values.json ?? false,
    now,
    refresh: values.refresh ?? false,
  };
}

const byName = (values: readonly KpiValue[]) => new Map(values.map((v) => [v.kpi, v]));

/** Why the rollups may lag the shop's data, or null when they do not. */
function staleness(rollups: RollupFreshness): string | null {
  if (rollups.computedAt === null)
    return "the shop's KPIs were never computed: every figure is empty (run with --refresh)";
  const reasons = [];
  if (rollups.pendingDays || rollups.pendingCustomers) {
    reasons.push(`${rollups.pendingDays} day(s) and ${rollups.pendingCustomers} customer(s) changed since`);
  }
  if (rollups.settingsChanged) reasons.push("the settings changed since");
  return reasons.length
    ? `figures from the rollups of ${rollups.computedAt.toISOString()}; ${reasons.join(", ")} (--refresh brings them up to date)`
    : null;
}

function formatNumber(n: number | null): string {
  if (n === null) return "—";
  return Number.isInteger(n) ? String(n) : n.toFixed(4);
}

/** DATABASE_URL, or the app's embedded database (started if need be, as the app's processes do). */
async function openDatabase(): Promise<{ url: string; stop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) return { url, stop: async () => {} };
  // Loaded only when needed: the embedded server's exit hooks are noise for a CLI given a URL.
  const { prepareDatabase } = await import("~/db/bootstrap.server");
  return prepareDatabase({
    DATABASE_URL: undefined,
    DATA_DIR: process.env.DATA_DIR ?? ".data",
    EMBEDDED_POSTGRES_PORT: Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329),
  });
}

async function run(args: readonly string[]): Promise<number> {
  let options: ReturnType<typeof parse>;
  try {
    options = parse(args);
  } catch (error) {
    const isUsage = error instanceof UsageError || (error instanceof TypeError && "code" in error);
    if (!isUsage) throw error;
    process.stderr.write(`kpi compute: ${error.message}\n${USAGE}`);
    return 2;
  }
  const database = await openDatabase();
  const prisma = createPrismaClient(database.url, 4);
  try {
    const shop = await prisma.shop.findUnique({ where: { domain: options.shop } });
    if (!shop) {
      process.stderr.write(`kpi compute: no shop ${options.shop}\n`);
      return 1;
    }
    let period;
    try {
      period = parsePeriod(options.period, shop.timezone, options.now);
    } catch (error) {
      process.stderr.write(
        `kpi compute: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`,
      );
      return 2;
    }
    const recompute = options.refresh ? await recomputeShop(prisma, shop.id) : null;
    const report = await computePeriodReport(prisma, shop.id, period, { now: options.now, readOnly: true });
    const stale = staleness(report.rollups);
    if (stale) process.stderr.write(`kpi compute: ${stale}\n`);
    const previous = byName(report.previous);
    const yearAgo = byName(report.yearAgo);
    const describe = (p: typeof period) => ({
      label: p.label,
      granularity: p.granularity,
      start: p.start.toISOString(),
      end: p.end.toISOString(),
    });
    if (options.json) {
      const kpis = Object.fromEntries(
        report.current.map((v) => [
          v.kpi,
          {
            value: v.value,
            numerator: v.numerator,
            denominator: v.denominator,
            previous: previous.get(v.kpi)?.value ?? null,
            yearAgo: yearAgo.get(v.kpi)?.value ?? null,
          },
        ]),
      );
      const output = {
        shop: shop.domain,
        timezone: shop.timezone,
        currency: shop.currency,
        computedAt: options.now.toISOString(),
        recompute: recompute?.mode ?? null,
        rollups: {
          computedAt: report.rollups.computedAt?.toISOString() ?? null,
          pendingDays: report.rollups.pendingDays,
          pendingCustomers: report.rollups.pendingCustomers,
          settingsChanged: report.rollups.settingsChanged,
          current: stale === null,
        },
        period: describe(report.periods.current),
        previous: describe(report.periods.previous),
        yearAgo: describe(report.periods.yearAgo),
        kpis,
      };
      process.stdout.write(JSON.stringify(output, null, 2) + "\n");
    } else {
      process.stdout.write(
        `${shop.domain} ${period.label} (${shop.timezone}; money in ${shop.currency} minor units)\n`,
      );
      for (const v of report.current) {
        const parts = [v.kpi.padEnd(34), formatNumber(v.value).padStart(16)];
        if (v.numerator !== null || v.denominator !== null)
          parts.push(`  = ${formatNumber(v.numerator)} / ${formatNumber(v.denominator)}`);
        parts.push(
          `  prev ${formatNumber(previous.get(v.kpi)?.value ?? null)}  year ago ${formatNumber(yearAgo.get(v.kpi)?.value ?? null)}`,
        );
        process.stdout.write(parts.join("") + "\n");
      }
    }
    return 0;
  } finally {
    await prisma.$disconnect();
    await database.stop();
  }
}

export const command: KpiCommand = {
  run,
};
