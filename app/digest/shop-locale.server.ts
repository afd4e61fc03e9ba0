import type { PrismaClient } from "@prisma/client";

/**
 * The locale numbers are written in. The shop row has no locale yet, so the merchant's own admin
 * language (the newest online session that recorded one) stands in; English otherwise.
 */
export async function shopLocale(prisma: PrismaClient, shopDomain: string): Promise<string> {
  const session = await prisma.session.findFirst({
    where: { shop: shopDomain, locale: { not: null } },
    orderBy: { expires: { sort: "desc", nulls: "last" } },
    select: { locale: true },
  });
  return session?.locale ?? "en";
}
