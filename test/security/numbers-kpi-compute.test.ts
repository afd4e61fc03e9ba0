/**
 * `kpi compute` is a query: asked about any instant (`--now`, past or present), it writes nothing. Every
 * table of the database, the snapshots, the rollups and the engine's clock included, is the same row for
 * row afterwards, and the figures come from the rollups as the last recompute left them.
 */
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { recomputeShop } from "~/kpi-engine/recompute.server";
import { resolveSettings } from "~/kpi/settings";
import { command } from "../../scripts/kpi/compute";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { order } from "../kpi/support/builders";
import { randomStore } from "../kpi-engine/support/random-store";
import { createShop, IdMap, seedInput } from "../kpi-engine/support/seed";

const ZONE = "Europe/Warsaw";
const DOMAIN = "numbers-compute.myshopify.com";
const NOW = new Date("2024-03-12T17:00:00Z");

/** Row count and an md5 of every row, per table of the database (walked from the catalogue). */
async function fingerprint(prisma: PrismaClient): Promise<Record<string, string>> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) AS name FROM pg_tables
    WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`;
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await prisma.$queryRawUnsafe<{ n: number; sum: string }[]>(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS sum FROM ${name} t`,
    );
    out[name] = `${row!.n} ${row!.sum}`;
  }
  return out;
}

async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = vi
    .spyOn(process.stdout, "write")
    .mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi
    .spyOn(process.stderr, "write")
    .mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { code: await command.run(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe("kpi compute is read-only", () => {
  let database: TestDatabase;
  let shopId: number;
  const previousUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    database = await createTestDatabase();
    process.env.DATABASE_URL = database.url;
    shopId = await createShop(database.prisma, DOMAIN, ZONE);
    const ids = new IdMap();
    await seedInput(
      database.prisma,
      shopId,
      randomStore({ seed: 21, customers: 40, from: new Date("2022-12-01T00:00:00Z"), days: 440 }),
      ids,
    );
    await recomputeShop(database.prisma, shopId, { now: NOW, settings: resolveSettings({ timezone: ZONE }) });
    // A change no recompute has seen yet: the command must neither apply it nor take its marks.
    const late = order({
      id: "late",
      at: "2024-03-11T10:00:00Z",
      customerId: "c1",
      lines: [{ quantity: 1, priceMinor: 999 }],
    });
    await seedInput(
      database.prisma,
      shopId,
      { orders: [late], refunds: [], checkouts: [], carts: [], customers: [] },
      ids,
    );
  });
  afterAll(async () => {
    process.env.DATABASE_URL = previousUrl;
    await database.drop();
  });

  it("changes no row of any table, asked as of an earlier instant", async () => {
    const before = await fingerprint(database.prisma);
    expect(Object.keys(before).some((t) => t.includes("kpi_snapshot"))).toBe(true);
    const { code, stdout, stderr } = await runCli([
      "--shop",
      DOMAIN,
      "--period",
      "2024-01",
      "--now",
      "2024-01-15T12:00:00Z",
      "--json",
    ]);
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as {
      recompute: unknown;
      period: { end: string };
      rollups: Record<string, unknown>;
      kpis: Record<string, { value: number | null }>;
    };
    expect(output.recompute).toBeNull();
    expect(output.period.end).toBe("2024-01-15T12:00:00.000Z"); // the month in progress as of --now
    expect(output.rollups).toMatchObject({ computedAt: NOW.toISOString(), current: false });
    expect(output.rollups.pendingDays).toBeGreaterThan(0);
    expect(stderr).toMatch(/changed since/);
    expect(await fingerprint(database.prisma)).toEqual(before);
  });

  it("gives a closed period's snapshotted figures, still writing nothing", async () => {
    const before = await fingerprint(database.prisma);
    const { code, stdout } = await runCli(["--shop", DOMAIN, "--period", "2023-12", "--json"]);
    expect(code).toBe(0);
    const { kpis } = JSON.parse(stdout) as { kpis: Record<string, { value: number | null }> };
    const snapshots = await database.prisma.kpiSnapshot.findMany({
      where: { shopId, granularity: "month", label: "2023-12" },
    });
    expect(snapshots.length).toBeGreaterThan(40);
    for (const s of snapshots) expect([s.kpi, kpis[s.kpi]?.value]).toEqual([s.kpi, s.value]);
    expect(await fingerprint(database.prisma)).toEqual(before);
  });
});
