import { describe, it } from "vitest";
import { findRedisServer } from "../support/redis";
import { describeDeliveryGuarantees } from "./delivery-suite";

if (findRedisServer()) describeDeliveryGuarantees("redis");
// CI installs redis-server, and the global setup fails there without it; locally this leg is skipped.
else
  describe.skip("delivery guarantees on the redis queue backend (redis-server not installed)", () =>
    it("needs redis-server"));
