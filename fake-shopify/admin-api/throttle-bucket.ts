/** Shopify's leaky bucket for GraphQL cost, per shop and app. */
export class CostBucket {
  private available: number;
  private at = Date.now();

  constructor(
    readonly maximumAvailable = 2_000,
    readonly restoreRate = 100,
  ) {
    this.available = maximumAvailable;
  }

  currentlyAvailable(now = Date.now()): number {
    this.available = Math.min(
      this.maximumAvailable,
      this.available + ((now - this.at) / 1000) * this.restoreRate,
    );
    this.at = now;
    return this.available;
  }

  /** Takes `cost` points if the bucket holds them. */
  take(cost: number): boolean {
    if (this.currentlyAvailable() < cost) return false;
    this.available -= cost;
    return true;
  }

  refund(points: number): void {
    this.available = Math.min(this.maximumAvailable, this.available + points);
  }

  /** Empties the bucket (tests force a throttled answer this way). */
  drain(): void {
    this.currentlyAvailable();
    this.available = 0;
  }

  status() {
    return {
      maximumAvailable: this.maximumAvailable,
      currentlyAvailable: Math.floor(this.currentlyAvailable()),
      restoreRate: this.restoreRate,
    };
  }
}
