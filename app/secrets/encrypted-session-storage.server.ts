/**
 * A session storage that keeps access and refresh tokens encrypted in the database (offline tokens can
 * read every customer of a shop). It wraps another storage; only the token fields change, sealed with the
 * session id as authenticated data. Rows written in clear text (before encryption) or sealed with an
 * older key still load, and are sealed again with the current key as they load, so a rotation or the
 * first deployment completes as each shop is used (the daily reconciliation loads every shop). A row that does not open (tampered, or its key was dropped) is treated as no
 * session, so the embedded admin exchanges a fresh token instead of using a forged one.
 */
import { Session } from "@shopify/shopify-api";
import { log } from "~/logger.server";
import {
  decryptSecret,
  encryptSecret,
  isEncrypted,
  sealedWithCurrentKey,
  type KeyRing,
} from "./token-cipher.server";

/** The session storage contract of @shopify/shopify-app-remix (what PrismaSessionStorage implements). */
export interface SessionStorage {
  storeSession(session: Session): Promise<boolean>;
  loadSession(id: string): Promise<Session | undefined>;
  deleteSession(id: string): Promise<boolean>;
  deleteSessions(ids: string[]): Promise<boolean>;
  findSessionsByShop(shop: string): Promise<Session[]>;
}

export class EncryptedSessionStorage implements SessionStorage {
  constructor(
    private readonly inner: SessionStorage,
    private readonly ring: KeyRing,
  ) {}

  async storeSession(session: Session): Promise<boolean> {
    return this.inner.storeSession(
      this.transform(session, (value) => encryptSecret(this.ring, value, session.id)),
    );
  }

  async loadSession(id: string): Promise<Session | undefined> {
    const stored = await this.inner.loadSession(id);
    const opened = stored ? this.open(stored) : undefined;
    if (stored && opened && this.needsResealing(stored)) {
      try {
        await this.storeSession(opened);
      } catch (error) {
        // The token still works; the next load tries again.
        log.warn("stored session could not be sealed again", { sessionId: id, error });
      }
    }
    return opened;
  }

  async deleteSession(id: string): Promise<boolean> {
    return this.inner.deleteSession(id);
  }

  async deleteSessions(ids: string[]): Promise<boolean> {
    return this.inner.deleteSessions(ids);
  }

  async findSessionsByShop(shop: string): Promise<Session[]> {
    const stored = await this.inner.findSessionsByShop(shop);
    return stored
      .map((session) => this.open(session))
      .filter((session): session is Session => session !== undefined);
  }

  private needsResealing(stored: Session): boolean {
    return [stored.accessToken, stored.refreshToken].some(
      (value) => !!value && !sealedWithCurrentKey(this.ring, value),
    );
  }

  private open(stored: Session): Session | undefined {
    try {
      return this.transform(stored, (value) =>
        isEncrypted(value) ? decryptSecret(this.ring, value, stored.id) : value,
      );
    } catch (error) {
      log.error("stored session refused: its token does not decrypt", {
        sessionId: stored.id,
        shop: stored.shop,
        error,
      });
      return undefined;
    }
  }

  private transform(session: Session, change: (value: string) => string): Session {
    const params = session.toObject();
    return new Session({
      ...params,
      ...(params.accessToken ? { accessToken: change(params.accessToken) } : {}),
      ...(params.refreshToken ? { refreshToken: change(params.refreshToken) } : {}),
    });
  }
}
