import type { LoaderFunctionArgs } from "@remix-run/node";
import { startDemoSession } from "~/auth/demo-session.server";

// GET /demo: opens the admin pages without Shopify, for the local demo only (404 otherwise).
export const loader = async ({ request }: LoaderFunctionArgs) => startDemoSession(request);
