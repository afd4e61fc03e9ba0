/**
 * Calls route loaders and actions in this process, as the Remix server would, with a demo-session
 * cookie choosing the shop (DEMO_MODE). Set the environment before the first route module runs.
 */
import { createCookie } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { demoCookieSecret } from "~/secrets/derived-keys.server";

export const TEST_SECRET = "test-api-secret";
const ORIGIN = "http://localhost:3000";

export function useDemoEnvironment(databaseUrl: string): void {
  Object.assign(process.env, {
    NODE_ENV: "test",
    SHOPIFY_API_KEY: "test-api-key",
    SHOPIFY_API_SECRET: TEST_SECRET,
    SHOPIFY_APP_URL: ORIGIN,
    DATABASE_URL: databaseUrl,
    DEMO_MODE: "true",
    LOG_LEVEL: "error",
  });
  delete process.env.REDIS_URL;
}

/** The Cookie header of a demo session for `shop`, signed with the key the app derives from `secret` (a wrong one forges it). */
export async function demoCookie(shop: string, secret = TEST_SECRET): Promise<string> {
  const cookie = createCookie("pulse_demo", {
    secrets: [demoCookieSecret(secret)],
    path: "/",
    httpOnly: true,
    sameSite: "lax",
  });
  return (await cookie.serialize({ shop })).split(";")[0]!;
}

type Params = Record<string, string>;

export function get(path: string, cookie: string): Request {
  return new Request(`${ORIGIN}${path}`, { headers: { cookie } });
}

export function post(path: string, cookie: string, form: Record<string, string>): Request {
  return new Request(`${ORIGIN}${path}`, {
    method: "POST",
    headers: { cookie },
    body: new URLSearchParams(form),
  });
}

/** Runs a loader; a thrown Response (404, redirect) is returned instead of thrown. */
export async function runLoader<T>(
  loader: (args: LoaderFunctionArgs) => Promise<T>,
  request: Request,
  params: Params = {},
): Promise<T | Response> {
  try {
    return await loader({ request, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

export async function runAction<T>(
  action: (args: ActionFunctionArgs) => Promise<T>,
  request: Request,
  params: Params = {},
): Promise<T | Response> {
  try {
    return await action({ request, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** Narrows a loader result that must be data, not a Response. */
export function data<T>(result: T | Response): T {
  if (result instanceof Response) throw new Error(`expected data, got a ${result.status} response`);
  return result;
}
