import { useNavigation } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { Loading } from "@shopify/polaris";
import { useEffect } from "react";

const isBusy = (state: string) => state !== "idle";

/** Inside the Shopify admin: the admin's own loading bar, driven through App Bridge. */
export function AdminNavigationProgress() {
  const shopify = useAppBridge();
  const busy = isBusy(useNavigation().state);
  useEffect(() => {
    shopify.loading(busy);
  }, [shopify, busy]);
  return null;
}

/** In the demo (no admin around it): Polaris' loading bar at the top of the Frame. */
export function FrameNavigationProgress() {
  return isBusy(useNavigation().state) ? <Loading /> : null;
}
