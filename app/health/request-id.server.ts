import { randomUUID } from "node:crypto";

// A caller's id is kept only when it is short and plain, so it cannot forge or flood log lines.
const ACCEPTED = /^[\w.:-]{1,128}$/;

/** The request's id: the load balancer's X-Request-Id when it sent a sane one, else a new UUID. */
export function requestIdOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && ACCEPTED.test(value) ? value : randomUUID();
}
