import { useLocation, useNavigation } from "@remix-run/react";

/** True while a navigation to this same page (other search params) is loading: show skeletons. */
export function useIsReloadingPage(): boolean {
  const navigation = useNavigation();
  const location = useLocation();
  return navigation.state === "loading" && navigation.location?.pathname === location.pathname;
}
