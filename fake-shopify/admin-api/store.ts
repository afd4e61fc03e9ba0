import type { FakeMetafield, FakeMetafieldDefinition } from "./metafields";
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
  /** The shop's languages as `shopLocales` answers; English alone, primary and published, when not given. */
  locales?: FakeShopLocale[];
}

export interface FakeShopLocale {
  /** ISO code as Shopify writes it, e.g. "pl" or "pt-BR". */
  locale: string;
  primary: boolean;
  published: boolean;
}

/** One shop's data as the Admin API serves it, keyed by gid; `put` replaces a record (a newer version). */
export class FakeShopStore {
  private readonly records: Record<FakeResource, Map<string, FakeObject>> = {
    orders: new Map(),
    customers: new Map(),
    abandonedCheckouts: new Map(),
  };

  /** By "ownerType/namespace/key", the namespace resolved ($app:pulse becomes app--<app id>--pulse). */
  readonly metafieldDefinitions = new Map<string, FakeMetafieldDefinition>();
  /** By "ownerId/namespace/key". */
  readonly metafields = new Map<string, FakeMetafield>();
  /** The number of metafields each metafieldsSet call carried, accepted or not. */
  readonly metafieldsSetCalls: number[] = [];

  constructor(readonly info: FakeShopInfo) {}

  /** A customer's metafields in one namespace, by key. */
  metafieldsOf(ownerId: string, namespace: string): Record<string, FakeMetafield> {
    return Object.fromEntries(
      [...this.metafields.values()]
        .filter((m) => m.ownerId === ownerId && m.namespace === namespace)
        .map((m) => [m.key, m]),
    );
  }

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
