import type { PrismaClient } from "@prisma/client";
import type { Translator } from "~/i18n/translator";
import { log } from "~/logger.server";
import { requestBackfill } from "~/sync/import/request.server";
import { wakeBackfill } from "~/sync/import/wake.server";
import { importRunning, readImportProgress } from "~/sync/status.server";

/**
 * The merchant's confirmed "Import history again". Refused while an import runs: restarting it would
 * throw away its progress for nothing.
 */
export async function importAgain(
  prisma: PrismaClient,
  shopId: number,
  i18n: Translator,
): Promise<{ ok: boolean; message: string }> {
  const { phase } = await readImportProgress(prisma, shopId);
  if (importRunning(phase)) {
    log.info("import again refused: an import is running", { shopId, phase });
    return { ok: false, message: i18n.t("data.importAgain.refused") };
  }
  await requestBackfill(prisma, shopId, { force: true });
  try {
    await wakeBackfill(shopId, "requested");
  } catch (error) {
    // The backfill sweep finds the pending import later; only the start is delayed.
    log.warn("import again requested but its job could not be queued", { shopId, error });
  }
  log.info("import again requested", { shopId });
  return { ok: true, message: i18n.t("data.importAgain.started") };
}
