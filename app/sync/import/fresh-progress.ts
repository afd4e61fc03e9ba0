/**
 * A resource's import progress as it stands before any bulk operation has produced a result: written
 * when a new operation starts and when the merchant asks for a fresh import, so a progress column added
 * later is reset in both places.
 */
export const FRESH_PROGRESS = {
  objectCount: null,
  resultUrl: null,
  partialData: false,
  byteOffset: 0n,
  linesDone: 0n,
  rowsDone: 0,
  errorCode: null,
  importStartedAt: null,
} as const;
