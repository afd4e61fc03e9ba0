import type { FakeObject } from "./objects";

export type FakeResource = "orders" | "customers" | "abandonedCheckouts";

export interface FakeShopInfo {
  domain: string;
  name: string;
  currencyCode: string;
  ianaTimezone: string;
  taxesIncluded: boolean;
  /** Shopify's numeric shop id; derived from the domain when not given. */
  shopifyId?: number;
}

/** One shop's data as the Admin API serves it, keyed by gid; `put` replaces a record (a newer version). */
export class FakeShopStore {
  private readonly records: Record<FakeResource, Map<string, FakeObject>> = {
    orders: new Map(),
    customers: new Map(),
    abandonedCheckouts: new Map(),
  };

  constructor(readonly info: FakeShopInfo) {}

  put(resource: FakeResource, object: FakeObject): void {
    this.records[resource].set(object.id, object);
  }

  get(resource: FakeResource, id: string): FakeObject | undefined {
    return this.records[resource].get(id);
  }

  list(resource: FakeResource): FakeObject[] {
    return [...this.records[resource].values()];
  }

  count(resource: FakeResource): number {
    return this.records[resource].size;
  }
}
