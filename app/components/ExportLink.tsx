import { Link } from "@remix-run/react";
import { InlineError, InlineStack } from "@shopify/polaris";
import { useId } from "react";
import { useDownload } from "./useDownload";

/**
 * "Export CSV": a link to the file (so it still works before JavaScript loads, in the demo) that, once
 * the page is interactive, downloads through useDownload with the admin session token instead.
 */
export function ExportLink({ url, filename, label }: { url: string; filename: string; label: string }) {
  const { download, pending, error } = useDownload();
  const errorId = useId();
  return (
    <InlineStack gap="200" blockAlign="center">
      {error ? <InlineError message={error} fieldID={errorId} /> : null}
      <Link
        id={errorId}
        to={url}
        reloadDocument
        download={filename}
        aria-label={label}
        aria-busy={pending}
        aria-describedby={error ? `${errorId}Error` : undefined}
        onClick={(event) => {
          event.preventDefault();
          if (!pending) void download(url, filename);
        }}
      >
        {pending ? "Exporting…" : "Export CSV"}
      </Link>
    </InlineStack>
  );
}
