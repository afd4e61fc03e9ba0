import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SHOP_DOMAIN } from "~/auth/demo-session.server";
import { exportCustomerData } from "~/privacy/data-requests.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startTestWebApp, type TestWebApp } from "../support/web-app";
import {
  chromiumAvailable,
  launchChromium,
  screenshot,
  seriousAxeViolations,
  settled,
} from "./support/browser";

describe.runIf(chromiumAvailable())("the Data requests page in headless Chromium (demo session)", () => {
  let database: TestDatabase;
  let web: TestWebApp;
  let browser: Browser;
  let page: Page;
  let shopId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    web = await startTestWebApp({ databaseUrl: database.url, extra: { DEMO_MODE: "true" } });
    browser = await launchChromium();
    page = await (
      await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } })
    ).newPage();
    expect((await page.goto(`${web.url}/demo`))?.ok()).toBe(true);
    shopId = (await database.prisma.shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP_DOMAIN } })).id;
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await database?.drop();
  });

  const expectAccessible = async (name: string) => {
    const violations = await seriousAxeViolations(page);
    expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  };

  it("without requests it says there is nothing to do, and what Shopify expects", async () => {
    await page.getByRole("link", { name: "Data requests" }).click();
    await page.waitForURL(/\/app\/privacy$/);
    await settled(page);
    await expect.poll(() => page.getByText("No customer data requests").count()).toBe(1);
    expect(await page.getByText("within 30 days of the request").count()).toBe(1);
    await screenshot(page, "privacy-empty");
    await expectAccessible("privacy, empty");
  });

  it("lists a request, downloads its JSON, and marks it handled", async () => {
    await database.prisma.customer.create({
      data: {
        shopId,
        id: 777n,
        email: "dana@example.com",
        firstName: "Dana",
        lastName: "Example",
        shopifyCreated: new Date(),
        shopifyUpdated: new Date(),
      },
    });
    await database.prisma.$transaction((tx) =>
      exportCustomerData(tx, shopId, {
        customer: { id: 777, email: "dana@example.com" },
        data_request: { id: 31 },
      }),
    );
    await page.reload();
    await settled(page);
    expect(await page.getByText("Dana Example").count()).toBe(1);
    expect(await page.getByText("Not downloaded").count()).toBe(1);
    await screenshot(page, "privacy-request");
    await expectAccessible("privacy, one request");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download JSON of Dana Example" }).click(),
    ]);
    const file = JSON.parse(fs.readFileSync((await download.path())!, "utf8")) as {
      dataRequestId: string;
      data: { customer: { email: string } };
    };
    expect(file).toMatchObject({ dataRequestId: "31", data: { customer: { email: "dana@example.com" } } });
    // The download goes through the session-token fetch; the page shows it as downloaded without a reload.
    await expect
      .poll(() => page.getByText("Downloaded", { exact: true }).count(), { timeout: 15_000 })
      .toBe(1);

    await page.getByRole("button", { name: "Mark handled: request of Dana Example" }).click();
    await expect
      .poll(() => page.getByText("Copy deleted", { exact: true }).count(), { timeout: 15_000 })
      .toBe(1);
    expect(
      (await database.prisma.dataRequest.findFirstOrThrow({ where: { shopId, id: 31n } })).data,
    ).toBeNull();
    await expectAccessible("privacy, handled");
  });
});
