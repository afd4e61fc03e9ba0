/**
 * The rollup rows of the shops this process recomputed last, so that an incremental recompute re-reads
 * only the days it changed: re-reading them all was a large share of its time budget (decision 0014).
 * Each recompute stores a fresh random generation in kpi_engine_state; an entry is used only when its
 * generation is the one in the database, so another worker's recompute, a rolled-back transaction or a
 * reset engine state (history import, redaction) simply makes this process read everything again.
 *
 * Layer: reading facts (README.md, "Layers").
 */
import type { RollupRows } from "./rollups.server";

/** Shops kept (least recently used dropped first), which bounds the cache's memory (decision 0014). */
const CAPACITY = 64;

const entries = new Map<number, { generation: string; rows: RollupRows }>();

/** The shop's rows as of `generation`, if this process holds them. */
export function cachedRollupRows(shopId: number, generation: string | null): RollupRows | null {
  const entry = entries.get(shopId);
  if (!entry || generation === null || entry.generation !== generation) return null;
  entries.delete(shopId);
  entries.set(shopId, entry);
  return entry.rows;
}

export function rememberRollupRows(shopId: number, generation: string, rows: RollupRows): void {
  entries.delete(shopId);
  entries.set(shopId, { generation, rows });
  while (entries.size > CAPACITY) entries.delete(entries.keys().next().value!);
}

export function forgetRollupRows(shopId: number): void {
  entries.delete(shopId);
}
