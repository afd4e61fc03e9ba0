export { startFakeAdminApi } from "./server";
export type { FakeAdminApi, FakeAdminApiOptions, FakeShopInstall } from "./server";
export { FakeShopStore } from "./store";
export type { FakeShopInfo, FakeResource } from "./store";
export type { BulkPlan } from "./bulk";
export { bulkLines } from "./jsonl";
export { orderObject, customerObject, abandonedCheckoutObject } from "./objects";
export { generateHistory, loadHistory, loadCdnowHistory, putCustomer, putOrder, putCheckout } from "./data";
export type { GeneratedHistory, GenerateOptions } from "./data";
