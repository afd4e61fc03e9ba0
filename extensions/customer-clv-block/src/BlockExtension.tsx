/** @jsxImportSource preact */
import "@shopify/ui-extensions/preact";
import type { Api } from "@shopify/ui-extensions/admin.customer-details.block.render";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { CustomerClvView } from "./CustomerClvView";
import { loadCustomerClv, type BlockState } from "./load-customer-clv";

/** Shopify's admin gives the extension this global: the customer on screen is `data.selected[0]`. */
declare const shopify: Api;

export default async () => {
  render(<CustomerClvBlock />, document.body);
};

function CustomerClvBlock() {
  const customerGid = shopify.data.selected[0]?.id;
  const [state, setState] = useState<BlockState>({ kind: "loading" });
  useEffect(() => {
    void loadCustomerClv((url) => fetch(url), customerGid).then(setState);
  }, [customerGid]);
  return <CustomerClvView state={state} i18n={shopify.i18n} />;
}
