import { describe, it } from "vitest";
import { findRedisServer } from "../support/redis";
import { describeDeliveryGuarantees } from "./delivery-suite";

// Three redis-server nodes in cluster mode, started by the suite (test/support/redis-cluster.ts).
if (findRedisServer()) describeDeliveryGuarantees("redis-cluster");
else
  describe.skip("delivery guarantees on the redis-cluster queue backend (redis-server not installed)", () =>
    it("needs redis-server"));
