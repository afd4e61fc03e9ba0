import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

// Shopify opens the app at its URL with ?shop=…; the admin pages live under /app.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  return redirect(url.searchParams.get("shop") ? `/app?${url.searchParams.toString()}` : "/app");
};
