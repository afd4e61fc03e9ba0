/**
 * Any /app/... URL no route claims. Answered here, under the app layout, so the 404 page keeps the
 * admin's navigation instead of leaving the app frame.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { RouteError } from "~/components/RouteError";
import { requireShop } from "~/auth/require-shop.server";

export const meta: MetaFunction = () => [{ title: "Page not found · Pulse KPI" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await requireShop(request);
  throw new Response("Not found", { status: 404 });
};

export default function UnknownAppPage() {
  return null;
}

export function ErrorBoundary() {
  return <RouteError pageTitle="Page not found" />;
}
