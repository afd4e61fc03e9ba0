/** What the digest needs from the configuration; tests and the demo pass their own. */
import { env } from "~/env.server";

export interface DigestConfig {
  /** smtp:// or smtps:// URL; unset: digests are not sent (and not marked as sent). */
  readonly smtpUrl: string | undefined;
  readonly from: string;
  readonly apiKey: string;
  /** Signs unsubscribe tokens. */
  readonly apiSecret: string;
  /** Base of the unsubscribe links. */
  readonly appUrl: string;
}

export function digestConfigFromEnv(): DigestConfig {
  const config = env();
  return {
    smtpUrl: config.SMTP_URL,
    from: config.DIGEST_FROM,
    apiKey: config.SHOPIFY_API_KEY,
    apiSecret: config.SHOPIFY_API_SECRET,
    appUrl: config.SHOPIFY_APP_URL,
  };
}
