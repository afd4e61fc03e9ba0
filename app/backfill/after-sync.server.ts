import { log } from "../logger.server";

export interface AfterSyncDeps {
  scheduleReconcile: (shopId: number) => Promise<void>;
  /**
   * The KPI recompute (built separately). "full" after a history import, "incremental" after a
   * reconciliation that repaired rows. Left unset, the hooks only log that no rebuild was triggered.
   */
  rebuildKpis?: (shopId: number, scope: "full" | "incremental") => Promise<void>;
}

export interface AfterSyncHooks {
  /** A shop's history import reached its end (every resource completed or failed). */
  onBackfillFinished(shopId: number): Promise<void>;
  /** A reconciliation finished; `repaired` rows were missing or stale. */
  onReconciled(shopId: number, repaired: number): Promise<void>;
}

export function afterSyncHooks(deps: AfterSyncDeps): AfterSyncHooks {
  const rebuild = async (shopId: number, scope: "full" | "incremental") => {
    if (deps.rebuildKpis) await deps.rebuildKpis(shopId, scope);
    else log.warn("no KPI recompute is wired: KPIs were not rebuilt", { shopId, scope });
  };
  return {
    async onBackfillFinished(shopId) {
      await deps.scheduleReconcile(shopId);
      await rebuild(shopId, "full");
    },
    async onReconciled(shopId, repaired) {
      if (repaired > 0) await rebuild(shopId, "incremental");
    },
  };
}
