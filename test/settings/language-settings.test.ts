/**
 * The Language section of Settings, through the real web app and the demo session (requireShop's
 * path): a saved admin language is what the next loader speaks, a language the app does not have is
 * refused with a clear error and changes nothing, and the digest language is saved.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as layout from "~/routes/app";
import * as settingsRoute from "~/routes/app.settings";
import { createTestDatabase, type TestDatabase } from "../support/database";
import {
  data,
  demoCookie,
  get,
  post,
  runAction,
  runLoader,
  useDemoEnvironment,
} from "../pages/support/routes";

const SHOP = "language-settings.myshopify.com";

describe("admin and digest language in Settings", () => {
  let database: TestDatabase;
  let cookie: string;
  let shopId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    useDemoEnvironment(database.url);
    shopId = (await database.prisma.shop.create({ data: { domain: SHOP, timezone: "Europe/Warsaw" } })).id;
    cookie = await demoCookie(SHOP);
  });
  afterAll(async () => {
    await database?.drop();
  });

  const settings = async () => data(await runLoader(settingsRoute.loader, get("/app/settings", cookie)));
  const layoutLocale = async () => data(await runLoader(layout.loader, get("/app", cookie))).locale;

  /** Posts the form as the page would: every field as loaded, with `changes` on top. */
  const save = async (changes: Record<string, string>) => {
    const { values } = await settings();
    const form: Record<string, string> = {};
    for (const [name, value] of Object.entries(values)) {
      if (name === "marketingSpend") continue;
      if (typeof value === "boolean") {
        if (value) form[name] = "on";
      } else form[name] = String(value);
    }
    for (const [month, amount] of Object.entries(values.marketingSpend)) form[`spend:${month}`] = amount;
    return data(
      await runAction(settingsRoute.action, post("/app/settings", cookie, { ...form, ...changes })),
    );
  };
  const row = () => database.prisma.shopSettings.findUniqueOrThrow({ where: { shopId } });

  it("starts in English, following the admin's language", async () => {
    const data = await settings();
    expect(data.title).toBe("Settings · Pulse KPI");
    expect(data.values).toMatchObject({ adminLanguage: "", digestLanguage: "" });
    expect(data.shopifyLanguage).toBe("en");
    expect(await layoutLocale()).toBe("en");
  });

  it("saving Polish makes the next loaders answer in Polish", async () => {
    expect(await save({ adminLanguage: "pl" })).toMatchObject({ ok: true });
    expect((await row()).adminLanguage).toBe("pl");
    expect(await layoutLocale()).toBe("pl");
    const data = await settings();
    expect(data.title).toBe("Ustawienia · Pulse KPI");
    expect(data.values.adminLanguage).toBe("pl");
    // "Same as my Shopify admin" still names the admin's own language, not the override.
    expect(data.shopifyLanguage).toBe("en");
  });

  it("refuses a language the app does not have, in the reader's language, and saves nothing", async () => {
    const before = await row();
    const result = await save({ adminLanguage: "de", graceMinutes: "20", digestLanguage: "el" });
    expect(result.ok).toBe(false);
    expect((result.errors as Record<string, string>).adminLanguage).toBe(
      "musi być jednym z podanych języków: English, Polski, Українська lub Ελληνικά",
    );
    const after = await row();
    expect(after).toMatchObject({
      adminLanguage: "pl",
      digestLanguage: null,
      graceMinutes: before.graceMinutes,
    });
    expect(((await save({ digestLanguage: "xx" })).errors as Record<string, string>).digestLanguage).toMatch(
      /języków/,
    );
    expect((await row()).digestLanguage).toBeNull();
  });

  it("saves the digest language, and going back to the Shopify admin's language", async () => {
    expect(await save({ digestLanguage: "uk" })).toMatchObject({ ok: true });
    expect((await row()).digestLanguage).toBe("uk");
    expect(await save({ adminLanguage: "" })).toMatchObject({ ok: true });
    expect(await row()).toMatchObject({ adminLanguage: null, digestLanguage: "uk" });
    expect(await layoutLocale()).toBe("en");
    expect((await settings()).title).toBe("Settings · Pulse KPI");
  });
});
