/**
 * Whether an Admin API call failed for a missing access scope (ACCESS_DENIED). A shop that installed the
 * app before it asked for write_customers has not granted it until the merchant accepts the new scopes;
 * retrying cannot help then.
 */
export function isAccessDenied(error: unknown): boolean {
  if (error === null || typeof error !== "object") return false;
  const body = (error as { body?: { errors?: { graphQLErrors?: { extensions?: { code?: string } }[] } } })
    .body;
  return (body?.errors?.graphQLErrors ?? []).some((e) => e.extensions?.code === "ACCESS_DENIED");
}
