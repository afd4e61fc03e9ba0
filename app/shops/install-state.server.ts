import type { Prisma, PrismaClient } from "@prisma/client";
import { writeFreshSyncStates } from "~/sync/import/request.server";
import { ensureShop } from "./ensure-shop.server";

/**
 * How long after an uninstall a reinstalled shop resumes on its old rows. Within it, the reconciliation
 * (every order, customer and checkout changed since its last good run, read page by page) repairs the
 * gap; Shopify sends shop/redact 48 hours after an uninstall, so a longer gap means that redaction
 * never came, and a bulk import is the cheaper and surer way back (see docs/decisions/0019).
 */
export const RESUME_WITHIN_MS = 7 * 86_400_000;

/** Why a reinstalled shop's history is imported again rather than repaired by the reconciliation. */
export type ReimportReason = "redacted" | "no-history" | "unfinished" | "stale";

export type AuthOutcome =
  | { kind: "unchanged" } // installed and imported: a plain login, nothing was written
  | { kind: "installed" } // a new shop: its history import was requested
  | { kind: "resumed" } // back on intact rows: the reconciliation repairs the gap
  | { kind: "reimported"; reason: ReimportReason }; // back, history import requested from scratch

interface ShopState {
  state: "installed" | "uninstalled" | "redacted";
  uninstalled_at: Date | null;
}

/**
 * afterAuth (a token exchange: install, reinstall, or a lost session): brings the shop back to
 * `installed` and asks for the history import it needs. A login of an installed, imported shop reads
 * three rows and writes nothing. Concurrent calls are serialised on the shop row, so one decides.
 */
export async function recordShopAuthenticated(
  prisma: PrismaClient,
  domain: string,
  now = new Date(),
): Promise<{ shopId: number; outcome: AuthOutcome }> {
  const { id: shopId } = await ensureShop(prisma, domain);
  if (await isSettled(prisma, shopId)) return { shopId, outcome: { kind: "unchanged" } };
  const outcome = await prisma.$transaction(async (tx) => {
    const [shop] = await tx.$queryRaw<
      ShopState[]
    >`SELECT state, uninstalled_at FROM shop WHERE id = ${shopId} FOR UPDATE`;
    if (!shop) throw new Error(`shop ${domain} vanished during authentication`);
    const statuses = (await tx.syncState.findMany({ where: { shopId }, select: { status: true } })).map(
      (s) => s.status,
    );
    const uninstallPending = await hasPendingUninstall(tx, shopId);
    if (shop.state === "installed" && !uninstallPending) {
      // A new shop (or a racing call already did the work).
      if (statuses.length > 0) return { kind: "unchanged" } as const;
      await writeFreshSyncStates(tx, shopId);
      return { kind: "installed" } as const;
    }
    // A new installedAt also tells a late app/uninstalled of the previous install to change nothing.
    await tx.shop.update({
      where: { id: shopId },
      data: { state: "installed", installedAt: now, uninstalledAt: null },
    });
    const reason = reimportReason(shop, statuses, uninstallPending, now);
    if (!reason) return { kind: "resumed" } as const;
    await writeFreshSyncStates(tx, shopId);
    return { kind: "reimported", reason } as const;
  });
  return { shopId, outcome };
}

/** The common login: installed, an import on record, and no uninstall of it still in the inbox. */
async function isSettled(prisma: PrismaClient, shopId: number): Promise<boolean> {
  const shop = await prisma.shop.findUnique({ where: { id: shopId }, select: { state: true } });
  if (shop?.state !== "installed") return false;
  if ((await prisma.syncState.count({ where: { shopId } })) === 0) return false;
  return !(await hasPendingUninstall(prisma, shopId));
}

/**
 * An app/uninstalled of the current install stored but not yet applied: the merchant uninstalled and
 * came back before the worker got to it. This login is a reinstall, though the row still says installed.
 */
async function hasPendingUninstall(
  db: PrismaClient | Prisma.TransactionClient,
  shopId: number,
): Promise<boolean> {
  const pending = await db.$queryRaw<unknown[]>`
    SELECT 1 FROM webhook_event e JOIN shop s ON s.id = e.shop_id
    WHERE e.shop_id = ${shopId} AND e.status = 'received' AND e.topic = 'app/uninstalled'
      AND COALESCE(e.triggered_at, e.received_at) >= s.installed_at
    LIMIT 1`;
  return pending.length > 0;
}

export function reimportReason(
  shop: ShopState,
  syncStatuses: string[],
  uninstallPending: boolean,
  now: Date,
): ReimportReason | null {
  if (shop.state === "redacted") return "redacted";
  if (syncStatuses.length === 0) return "no-history";
  // An import cut short by the uninstall: its bulk operation and token are gone, so start over.
  if (syncStatuses.some((status) => status !== "completed")) return "unfinished";
  if (uninstallPending) return null;
  if (!shop.uninstalled_at || now.getTime() - shop.uninstalled_at.getTime() > RESUME_WITHIN_MS)
    return "stale";
  return null;
}

/**
 * app/uninstalled: the shop's sessions are dead from `at` on. An uninstall older than a reinstall (a
 * late retry, or one the worker reached after the merchant came back) changes nothing, and a redacted
 * shop stays redacted. Only a reinstall moves `installed_at` past the row's creation: the first install
 * is dated by when the app first saw the shop, which may be after Shopify dated the uninstall.
 * Returns whether the uninstall was applied.
 */
export async function markUninstalled(
  tx: Prisma.TransactionClient,
  shop: { id: number; domain: string },
  at: Date,
): Promise<boolean> {
  const applied = await tx.$executeRaw`
    UPDATE shop SET state = 'uninstalled', uninstalled_at = ${at}, updated_at = now()
    WHERE id = ${shop.id} AND state <> 'redacted' AND NOT (installed_at > created_at AND installed_at > ${at})`;
  if (applied === 0) return false;
  await tx.session.deleteMany({ where: { shop: shop.domain } });
  return true;
}
