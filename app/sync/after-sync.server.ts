import { log } from "~/logger.server";

export interface AfterSyncDeps {
  scheduleReconcile: (shopId: number) => Promise<void>;
  /**
   * The KPI recompute (built separately). "full" after a history import, "incremental" after a
   * reconciliation that repaired rows. Left unset, the hooks only log that no rebuild was triggered.
   */
  rebuildKpis?: (shopId: number, scope: "full" | "incremental") => Promise<void>;
  /** Queues one reconciliation of the shop now, besides its daily one. */
  reconcileNow?: (shopId: number) => Promise<void>;
  /** Brings the shop's weekly digest schedule in line with its install state and settings. */
  syncDigestSchedule?: (shopId: number) => Promise<void>;
}

export interface AfterSyncHooks {
  /** A shop's history import reached its end (every resource completed or failed). */
  onBackfillFinished(shopId: number): Promise<void>;
  /** A reconciliation finished; `repaired` rows were missing or stale. */
  onReconciled(shopId: number, repaired: number): Promise<void>;
  /**
   * The shop was installed again. Its digest resumes now. With its history intact (no import pending),
   * the reconciliation resumes and runs at once to repair what changed while the app was away;
   * otherwise the import's end does that, as on a first install.
   */
  onReinstalled(shopId: number, importPending: boolean): Promise<void>;
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
    async onReinstalled(shopId, importPending) {
      await deps.syncDigestSchedule?.(shopId);
      if (importPending) return;
      await deps.scheduleReconcile(shopId);
      await deps.reconcileNow?.(shopId);
      // The periods in progress moved on while the app was away.
      await rebuild(shopId, "incremental");
    },
  };
}
