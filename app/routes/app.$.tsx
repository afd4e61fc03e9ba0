/**
 * Any /app/... URL no route claims. Answered here, under the app layout, so the 404 page keeps the
 * admin's navigation instead of leaving the app frame.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { RouteError } from "~/components/RouteError";
import { requireShop } from "~/auth/require-shop.server";
import { useT } from "~/i18n/I18nProvider";
import type { loader as appLoader } from "./app";

// The loader always throws, so the title is read from the app layout's messages (the reader's language).
export const meta: MetaFunction<unknown, { "routes/app": typeof appLoader }> = ({ matches }) => {
  const messages = matches.find((match) => match.id === "routes/app")?.data?.messages;
  const title = messages?.["kpiPage.notFound.metaTitle"];
  return title ? [{ title }] : [];
};

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { i18n } = await requireShop(request);
  throw new Response(i18n.t("kpiPage.notFound.pageTitle"), { status: 404 });
};

export default function UnknownAppPage() {
  return null;
}

export function ErrorBoundary() {
  const i18n = useT();
  return <RouteError pageTitle={i18n.t("kpiPage.notFound.pageTitle")} />;
}
