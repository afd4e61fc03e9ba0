/**
 * Downloads a file from the app's own server and saves it under `filename`. Inside the Shopify admin
 * the app runs in an iframe without cookies: a plain link reaches the server with no session and is sent
 * to login. So the request is a fetch carrying App Bridge's session token (ID token) as a Bearer header,
 * which authenticate.admin verifies; in the demo (no App Bridge) the demo cookie authenticates instead.
 */

/** A refused download; `status` is the server's answer (the merchant reads it in their language, via useDownload). */
export class DownloadError extends Error {
  override name = "DownloadError";
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

interface AppBridgeGlobal {
  idToken?: () => Promise<string>;
}

async function authorizationHeader(): Promise<Record<string, string>> {
  const bridge = (globalThis as { shopify?: AppBridgeGlobal }).shopify;
  if (typeof bridge?.idToken !== "function") return {};
  return { Authorization: `Bearer ${await bridge.idToken()}` };
}

function refusal(status: number): string {
  if (status === 401 || status === 403)
    return "Your session has expired. Reload the page, then try the download again.";
  return `The download failed (error ${status}). Try again in a moment.`;
}

/** Fetches `url` (same origin) with the session token and hands the body to the browser as a file. */
export async function downloadFile(url: string, filename: string): Promise<void> {
  const response = await fetch(url, { headers: await authorizationHeader(), credentials: "same-origin" });
  if (!response.ok) throw new DownloadError(refusal(response.status), response.status);
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = href;
  link.download = filename;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after click() returns; revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
