import { Prisma, type PrismaClient, type ShopSettings } from "@prisma/client";
import { z } from "zod";
import { resolveSettings, type KpiSettings } from "~/kpi/settings";

type Db = PrismaClient | Prisma.TransactionClient;

/** The shop's settings row, created with the schema's defaults (docs/kpi-definitions.md) on first read. */
export async function getShopSettings(db: Db, shopId: number): Promise<ShopSettings> {
  return db.shopSettings.upsert({ where: { shopId }, create: { shopId }, update: {} });
}

/** What the KPI engine needs from the settings row, the shop's timezone and its monthly spend. */
export function kpiSettingsOf(
  row: ShopSettings,
  timezone: string,
  spend: Readonly<Record<string, number>> = {},
): KpiSettings {
  return resolveSettings({
    timezone,
    activityWindowDays: row.activityWindowDays,
    graceMinutes: row.graceMinutes,
    refundAttribution: row.refundAttribution === "order_date" ? "order-date" : "refund-date",
    grossMarginPct: row.grossMarginPct === null ? null : row.grossMarginPct.toNumber(),
    marketingSpendByMonth: Object.keys(spend).length > 0 ? spend : null,
  });
}

const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "is not an email address" }));

/** What the Settings page may change; every field optional, every value checked against the spec's ranges. */
export const settingsUpdateSchema = z
  .object({
    activityWindowDays: z.coerce
      .number({ error: "must be a number" })
      .int("must be a whole number of days")
      .min(30, "must be at least 30 days")
      .max(730, "must be at most 730 days"),
    graceMinutes: z.coerce
      .number({ error: "must be a number" })
      .int("must be whole minutes")
      .min(0, "cannot be negative")
      .max(1440, "must be at most 1,440 minutes (a day)"),
    refundAttribution: z.enum(["refund_date", "order_date"], { error: "must be refund_date or order_date" }),
    grossMarginPct: z.union([
      z.null(),
      z.coerce
        .number({ error: "must be a number" })
        .min(-100, "must be at least −100 %")
        .max(100, "must be at most 100 %"),
    ]),
    digestEnabled: z.boolean(),
    digestRecipients: z.array(email).max(20, "at most 20 recipients"),
    digestWeekday: z.coerce
      .number()
      .int()
      .min(1, "must be 1 (Monday) to 7 (Sunday)")
      .max(7, "must be 1 (Monday) to 7 (Sunday)"),
    digestHour: z.coerce
      .number()
      .int()
      .min(0, "must be an hour from 0 to 23")
      .max(23, "must be an hour from 0 to 23"),
  })
  .partial();

export type SettingsUpdate = z.infer<typeof settingsUpdateSchema>;

export type SettingsErrors = Partial<Record<keyof SettingsUpdate, string>>;

/** Every field's first problem, all fields at once (a form shows them together). */
export function settingsErrors(input: unknown): SettingsErrors {
  const parsed = settingsUpdateSchema.safeParse(input);
  const errors: SettingsErrors = {};
  if (parsed.success) return errors;
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as keyof SettingsUpdate;
    errors[field] ??= issue.message;
  }
  return errors;
}

/** Validates and saves; returns field errors (and saves nothing) when any value is out of range. */
export async function updateShopSettings(
  db: Db,
  shopId: number,
  input: unknown,
): Promise<{ ok: true; settings: ShopSettings } | { ok: false; errors: SettingsErrors }> {
  const parsed = settingsUpdateSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: settingsErrors(input) };
  const { grossMarginPct, ...rest } = parsed.data;
  const data: Prisma.ShopSettingsUncheckedCreateInput = {
    shopId,
    ...rest,
    ...(grossMarginPct !== undefined
      ? { grossMarginPct: grossMarginPct === null ? null : new Prisma.Decimal(grossMarginPct) }
      : {}),
  };
  const { shopId: _shopId, ...update } = data;
  const settings = await db.shopSettings.upsert({ where: { shopId }, create: data, update });
  return { ok: true, settings };
}

/** Whether the merchant set a gross margin: margin-weighted KPIs are then labelled as profits. */
export async function grossMarginSet(db: Db, shopId: number): Promise<boolean> {
  const row = await db.shopSettings.findUnique({ where: { shopId }, select: { grossMarginPct: true } });
  return row?.grossMarginPct != null;
}
