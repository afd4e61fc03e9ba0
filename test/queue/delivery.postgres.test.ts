import { describeDeliveryGuarantees } from "./delivery-suite";

describeDeliveryGuarantees("postgres");
