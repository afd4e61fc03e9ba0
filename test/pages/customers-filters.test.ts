import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runClvModel } from "~/clv/clv-model.server";
import { CUSTOMER_SORTS, sortOf } from "~/pages/customer-query";
import { nextOrderText, segmentInfo } from "~/pages/customer-segments";
import { translatorFor } from "~/i18n/catalog.server";
import { readPredictions, type CustomerRowView, type CustomersData } from "~/pages/customers.server";
import * as customersRoute from "~/routes/app.customers";
import * as csvRoute from "~/routes/app.customers_.csv";
import { customerAdminUrl } from "~/shops/admin-link";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedShop, type SeededShop } from "./support/seed-shop";
import { data, demoCookie, get, runLoader, useDemoEnvironment } from "./support/routes";

const SHOP = "customer-filters.myshopify.com";
const NOW = new Date("2026-11-20T15:00:00Z");
const BASE = 4_000_000;
const en = translatorFor("en");

/** A customer's record as the raw orders and refunds tell it, computed here without the app's tables. */
interface Expected {
  orders: number;
  spent: number;
  lastOrderDay: string;
  email: string;
  name: string;
}

describe("customers page: search, filters, sort and pager on a seeded shop", () => {
  let database: TestDatabase;
  let shop: SeededShop;
  let cookie: string;
  const expected = new Map<string, Expected>();

  beforeAll(async () => {
    database = await createTestDatabase();
    useDemoEnvironment(database.url);
    shop = await seedShop(database.prisma, {
      domain: SHOP,
      customers: 200,
      days: 500,
      now: NOW,
      seed: 17,
      idBase: BASE,
    });
    // An accented name, for the accent-tolerant search; the model run stores it with the facts.
    await database.prisma.customer.update({
      where: { shopId_id: { shopId: shop.shopId, id: BigInt(BASE) } },
      data: { firstName: "Zoë", lastName: "Ünal-Čapek" },
    });
    await runClvModel(database.prisma, shop.shopId, { now: NOW });
    cookie = await demoCookie(SHOP);

    // Every seeded order is before the calibration end (the day before NOW in New York).
    const orders = await database.prisma.order.findMany({
      where: {
        shopId: shop.shopId,
        customerId: { not: null },
        test: false,
        cancelledAt: null,
        deletedAt: null,
      },
    });
    const refunds = await database.prisma.refund.findMany({ where: { shopId: shop.shopId } });
    const customers = await database.prisma.customer.findMany({ where: { shopId: shop.shopId } });
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York" });
    for (const order of orders) {
      const key = `c:${order.customerId}`;
      const c = customers.find((x) => x.id === order.customerId)!;
      const e = expected.get(key) ?? {
        orders: 0,
        spent: 0,
        lastOrderDay: "",
        email: c.email!,
        name: `${c.firstName} ${c.lastName}`,
      };
      e.orders += 1;
      e.spent += Number(order.grossMinor - order.discountsMinor);
      for (const refund of refunds)
        if (refund.orderId === order.id) e.spent -= Number(refund.linesSubtotalMinor);
      const local = day.format(order.orderedAt);
      if (local > e.lastOrderDay) e.lastOrderDay = local;
      expected.set(key, e);
    }
  }, 180_000);
  afterAll(async () => {
    await (await import("~/db.server")).disconnectDb();
    await database?.drop();
  });

  const load = async (search: string): Promise<CustomersData> =>
    data(await runLoader(customersRoute.loader, get(`/app/customers${search}`, cookie))).data;

  /** Every customer of a view, walking Next from the first page; checks the pager's count on the way. */
  async function walk(search: string): Promise<CustomerRowView[]> {
    const first = await load(search);
    const rows = [...first.rows];
    let page = first;
    while (page.hasNext) {
      page = await load(`${search}${search ? "&" : "?"}page=${page.query.page + 1}&after=${page.nextCursor}`);
      expect(page.total).toBe(first.total);
      rows.push(...page.rows);
    }
    expect(first.totalCapped).toBe(false);
    expect(rows.length).toBe(first.total);
    return rows;
  }

  const identified = (rows: readonly CustomerRowView[]) => rows.filter((row) => row.key.startsWith("c:"));

  it("each row carries the customer's orders, spend to date, last order, email and Shopify id", async () => {
    const rows = identified(await walk(""));
    expect(rows.length).toBe(expected.size);
    for (const row of rows) {
      const e = expected.get(row.key)!;
      expect(
        { orders: row.orders, spent: row.spentMinor, last: row.lastOrderDay, email: row.email },
        row.key,
      ).toEqual({ orders: e.orders, spent: e.spent, last: e.lastOrderDay, email: e.email });
      expect(row.customerId).toBe(row.key.slice(2));
      expect(row.totalValue).toBeCloseTo(row.spentMinor + row.predictedClv, 6);
    }
    expect(customerAdminUrl(SHOP, "4000007")).toBe(
      "https://admin.shopify.com/store/customer-filters/customers/4000007",
    );
  });

  it("search finds part of a name or an email, in any case and without accents", async () => {
    // Ada12 and Ada120…Ada129 (customer 0 was renamed Zoë).
    const byName = await walk("?q=ADA12");
    expect(byName.map((row) => row.name).sort()).toEqual(
      ["Ada12", ...Array.from({ length: 10 }, (_, i) => `Ada12${i}`)].map((n) => `${n} Shopper`).sort(),
    );
    const byEmail = await load(`?q=customer${BASE + 7}@`);
    expect(byEmail.rows.map((row) => row.key)).toEqual([`c:${BASE + 7}`]);
    expect(byEmail.total).toBe(1);
    for (const q of ["zoe unal", "ZOË", "unal-capek"]) {
      const found = await load(`?q=${encodeURIComponent(q)}`);
      expect(
        found.rows.map((row) => row.name),
        q,
      ).toEqual(["Zoë Ünal-Čapek"]);
    }
    // LIKE's wildcards are taken literally.
    expect((await load("?q=%25")).total).toBe(0);
    expect((await load("?q=Ada_2")).total).toBe(0);
  });

  it("each filter keeps exactly the customers it names, and the pager counts them", async () => {
    const all = identified(await walk(""));
    const cases: [string, (row: CustomerRowView) => boolean][] = [
      ["spent_min=100&spent_max=250", (r) => r.spentMinor >= 10_000 && r.spentMinor <= 25_000],
      ["predicted_min=50", (r) => r.predictedClv >= 5_000],
      ["predicted_max=20.5", (r) => r.predictedClv <= 2_050],
      ["orders_min=3&orders_max=5", (r) => r.orders >= 3 && r.orders <= 5],
      ["orders_max=1", (r) => r.orders <= 1],
      [
        "last_from=2026-06-01&last_to=2026-08-31",
        (r) => r.lastOrderDay! >= "2026-06-01" && r.lastOrderDay! <= "2026-08-31",
      ],
      ["segment=at-risk&orders_min=2", (r) => r.segment === "at-risk" && r.orders >= 2],
      ["q=ada1&spent_min=50", (r) => r.name.toLowerCase().includes("ada1") && r.spentMinor >= 5_000],
    ];
    for (const [search, keep] of cases) {
      const want = all.filter(keep).map((row) => row.key);
      expect(want.length, `${search} keeps some but not all`).toBeGreaterThan(0);
      expect(want.length, search).toBeLessThan(all.length);
      const got = identified(await walk(`?${search}`)).map((row) => row.key);
      expect(got.sort(), search).toEqual(want.sort());
      const first = await load(`?${search}`);
      expect(first.rows.length).toBe(Math.min(50, first.total));
    }
  });

  it.each(CUSTOMER_SORTS.map((s) => [s.value] as const))(
    "sorted by %s: ordered by the column, ties by key, pages in the CSV's order",
    async (sort) => {
      const { column, descending } = sortOf(sort);
      const rows = await walk(`?sort=${sort}&orders_min=2`);
      const csv = await readPredictions(
        database.prisma,
        shop.shopId,
        { segment: null, sort, orders: { min: 2, max: null } },
        { offset: 0, limit: null },
        en,
      );
      expect(rows.map((r) => r.key)).toEqual(csv.map((r) => r.key));
      const value = (r: CustomerRowView): number | string =>
        column === "name"
          ? r.name
          : column === "orders"
            ? r.orders
            : column === "spent"
              ? r.spentMinor
              : column === "clv"
                ? r.predictedClv
                : column === "last-order"
                  ? r.lastOrderDay!
                  : r.pAlive;
      // Names are ordered by the database's collation: ask it whether each neighbour pair is in order.
      for (let i = 1; i < rows.length; i++) {
        const [a, b] = descending ? [rows[i]!, rows[i - 1]!] : [rows[i - 1]!, rows[i]!];
        if (column === "name") continue;
        const va = value(a);
        const vb = value(b);
        expect(va < vb || (va === vb && a.key < b.key), `${sort} at ${i}`).toBe(true);
      }
      if (column === "name") {
        const texts = rows.map((r) => `${r.name} ${r.email}`);
        const [result] = await database.prisma.$queryRaw<{ ordered: boolean }[]>`
          SELECT bool_and(CASE WHEN ${descending} THEN t >= nt ELSE t <= nt END) AS ordered
          FROM (SELECT lower(unaccent(t)) AS t, lead(lower(unaccent(t))) OVER (ORDER BY i) AS nt
            FROM unnest(${texts}::text[]) WITH ORDINALITY AS x(t, i)) s
          WHERE nt IS NOT NULL`;
        expect(result?.ordered).toBe(true);
      }
    },
  );

  it("bad parameters give the default view and say what was dropped, never an error", async () => {
    const plain = await load("");
    const cases: [string, RegExp][] = [
      ["sort=nonsense", /"nonsense" is not a way to sort/],
      ["spent_min=-5", /Spend to date from must be a number, 0 or more/],
      ["predicted_max=abc", /Predicted value to must be a number/],
      ["orders_min=1.5", /Number of orders from must be a whole number/],
      ["spent_min=300&spent_max=100", /Spend to date: "from" is above "to"/],
      ["last_from=2026-13-45", /Last order from must be a date/],
      ["last_from=2026-05-01&last_to=2026-01-01", /Last order: "from" is after "to"/],
      ["segment=vip", /There is no segment "vip"/],
      ["page=-3", /is not a page number/],
      ["after=garbage&page=1", /^$/],
    ];
    for (const [search, message] of cases) {
      const result = await runLoader(customersRoute.loader, get(`/app/customers?${search}`, cookie));
      expect(result instanceof Response, search).toBe(false);
      const page = data(result).data;
      expect(
        page.rows.map((r) => r.key),
        search,
      ).toEqual(plain.rows.map((r) => r.key));
      expect(page.total, search).toBe(plain.total);
      expect(page.query.problems.join(" "), search).toMatch(message);
    }
    expect(plain.query.problems).toEqual([]);
  });

  it("the CSV has the Shopify id and email, and follows the search, filters and sort", async () => {
    const search = "?q=ada1&orders_min=2&sort=spent-asc";
    const response = await runLoader(csvRoute.loader, get(`/app/customers/csv${search}`, cookie));
    expect(response).toBeInstanceOf(Response);
    const lines = (await (response as Response).text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    const header = lines[0]!.split(",");
    expect(header.slice(0, 5)).toEqual(["Customer", "Email", "Segment", "Shopify customer ID", "Orders"]);
    const rows = await walk(search);
    expect(rows.length).toBeGreaterThan(1);
    expect(lines.slice(1).map((line) => line.split(",").slice(0, 4))).toEqual(
      rows.map((r) => [r.name, r.email ?? "", segmentInfo(r.segment, en).label, r.customerId ?? ""]),
    );
    const spent = lines.slice(1).map((line) => Number(line.split(",")[5]));
    expect(spent).toEqual([...spent].sort((a, b) => a - b));
    // The last column, "Next order", agrees with the segment: never a wait for Lost.
    expect(header.at(-1)).toBe("Next order");
    lines.slice(1).forEach((line, i) => {
      const next = line.split(",").at(-1);
      expect(next).toBe(nextOrderText(rows[i]!.segment, rows[i]!.expectedOrders, 365, en));
      if (rows[i]!.segment === "lost") expect(next).toBe("not expected");
    });
  });
});
