import { Link } from "@remix-run/react";
import { InlineError, InlineStack } from "@shopify/polaris";
import { useId } from "react";
import { useDownload } from "./useDownload";

interface DownloadLinkProps {
  url: string;
  filename: string;
  /** The accessible name, which says what is downloaded (e.g. "Export CSV of the Orders table"). */
  label: string;
  /** The visible text. */
  text: string;
  pendingText: string;
  /** After the file was saved (e.g. to revalidate a "downloaded" status). */
  onDownloaded?: () => void;
}

/**
 * A link to a file (so it still works before JavaScript loads, in the demo) that, once the page is
 * interactive, downloads through useDownload with the admin session token instead: inside the Shopify
 * admin a plain link carries no session.
 */
export function DownloadLink({ url, filename, label, text, pendingText, onDownloaded }: DownloadLinkProps) {
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
          if (!pending) void download(url, filename).then((saved) => saved && onDownloaded?.());
        }}
      >
        {pending ? pendingText : text}
      </Link>
    </InlineStack>
  );
}
