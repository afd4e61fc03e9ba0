/**
 * Marketing spend per local calendar month (table marketing_spend_month). A month without a row has no
 * spend given, which is not zero: CAC and ROAS stay empty for periods that touch it.
 */
import type { Prisma, PrismaClient } from "@prisma/client";
import { translatorFor } from "~/i18n/catalog.server";
import { MONTH_KEY, spendEntryProblem } from "./marketing-spend";

type Db = PrismaClient | Prisma.TransactionClient;

/** The saved months, `{ "YYYY-MM": minor units }`. */
export async function readMarketingSpend(db: Db, shopId: number): Promise<Record<string, number>> {
  const rows = await db.marketingSpendMonth.findMany({
    where: { shopId },
    select: { month: true, amountMinor: true },
    orderBy: { month: "asc" },
  });
  return Object.fromEntries(rows.map((r) => [r.month, Number(r.amountMinor)]));
}

/**
 * Sets (a number) or clears (null) the given months; months not named stay as they are. Every entry is
 * checked first and nothing is written when one is wrong.
 */
export async function saveMarketingSpend(
  db: Db,
  shopId: number,
  entries: Readonly<Record<string, number | null>>,
  exponent: number,
  currentMonth: string,
): Promise<void> {
  for (const [month, minor] of Object.entries(entries)) {
    const problem =
      minor === null
        ? MONTH_KEY.test(month)
          ? null
          : { id: "settings.error.spendMonth" as const, values: { month } }
        : spendEntryProblem(month, minor, exponent, currentMonth);
    // A caller's bug, not a merchant's typo (the form checks first): English, for the log.
    if (problem)
      throw new RangeError(`Marketing spend ${month}: ${translatorFor("en").t(problem.id, problem.values)}`);
  }
  const cleared = Object.keys(entries).filter((month) => entries[month] === null);
  if (cleared.length) await db.marketingSpendMonth.deleteMany({ where: { shopId, month: { in: cleared } } });
  for (const [month, minor] of Object.entries(entries)) {
    if (minor === null) continue;
    await db.marketingSpendMonth.upsert({
      where: { shopId_month: { shopId, month } },
      create: { shopId, month, amountMinor: BigInt(minor) },
      update: { amountMinor: BigInt(minor) },
    });
  }
}
