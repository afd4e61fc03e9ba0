/**
 * Opens a bulk result file (a signed storage URL, no Admin API token) at a byte offset. A Range request
 * resumes where the last checkpoint stopped; a server that ignores Range is skipped forward instead.
 */
export class ResultExpiredError extends Error {
  override name = "ResultExpiredError";
}

// Signed URLs past their expiry answer 400/403 (Google Cloud Storage) or 404/410.
const EXPIRED_STATUSES = new Set([400, 401, 403, 404, 410]);

export async function openResultFile(
  fetchFile: typeof fetch,
  url: string,
  offset: number,
): Promise<AsyncIterable<Uint8Array>> {
  const response = await fetchFile(url, offset > 0 ? { headers: { Range: `bytes=${offset}-` } } : undefined);
  if (response.status === 416) return emptyStream(); // the checkpoint is already at the end
  if (EXPIRED_STATUSES.has(response.status))
    throw new ResultExpiredError(`result file answered ${response.status}`);
  if (!response.ok || !response.body)
    throw new Error(`result file download failed with HTTP ${response.status}`);
  const body = readBody(response);
  return response.status === 206 || offset === 0 ? body : skipBytes(body, offset);
}

/**
 * The response's body, holding on to the Response while it is read: undici cancels the body of a
 * Response that is garbage collected, and a cancelled body simply ends, so an import that let go of
 * the Response lost the rest of the file without an error (it happened between opening the file and
 * reading it). A body that ends short of its Content-Length is an error, not the end of the file.
 */
async function* readBody(response: Response): AsyncGenerator<Uint8Array> {
  const length = response.headers.get("content-length");
  const encoded = (response.headers.get("content-encoding") ?? "identity") !== "identity";
  const expected = length !== null && !encoded && /^\d+$/.test(length) ? Number(length) : null;
  let received = 0;
  // Node's web streams are async iterable.
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    received += chunk.length;
    yield chunk;
  }
  if (expected !== null && received !== expected)
    throw new Error(`result file ended after ${received} of ${expected} bytes`);
}

async function* skipBytes(chunks: AsyncIterable<Uint8Array>, count: number): AsyncGenerator<Uint8Array> {
  let left = count;
  for await (const chunk of chunks) {
    if (left >= chunk.length) {
      left -= chunk.length;
      continue;
    }
    yield left > 0 ? chunk.subarray(left) : chunk;
    left = 0;
  }
}

async function* emptyStream(): AsyncGenerator<Uint8Array> {}
