import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireShop } from "~/auth/require-shop.server";
import { readDb } from "~/db.server";
import { customersCsv } from "~/pages/customers-csv.server";
import { readCustomerQuery } from "~/pages/customers.server";

// GET /app/customers/csv?q=…&segment=…&sort=…: every customer of the search and filters, in the page's order, for the session's shop.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, i18n } = await requireShop(request);
  const query = readCustomerQuery(new URL(request.url).searchParams, shop.currency);
  return customersCsv(readDb(), shop, query, i18n);
};
