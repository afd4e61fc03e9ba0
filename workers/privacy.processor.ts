import type { PrismaClient } from "@prisma/client";
import { UnrecoverableError, type Job } from "bullmq";
import type { DigestConfig } from "~/digest/digest-config.server";
import type { DigestTransport } from "~/digest/mailer.server";
import { sendDataRequestNotices } from "~/privacy/data-request-notice.server";
import { purgeExpired } from "~/privacy/purge.server";
import { PRIVACY_JOB_NAMES, type PrivacyJobName } from "~/jobs/privacy.job";

export interface PrivacyProcessorDeps {
  prisma: PrismaClient;
  /** Read per job, so a worker picks up configuration the demo sets after start-up. */
  config: () => DigestConfig;
  transport?: DigestTransport;
  now?: () => Date;
}

/** Both jobs are idempotent: a rerun deletes nothing more and announces no request twice. */
export function createPrivacyProcessor(deps: PrivacyProcessorDeps) {
  const now = deps.now ?? (() => new Date());
  return async (job: Pick<Job, "name">) => {
    const name = job.name as PrivacyJobName;
    if (name === "retention") return purgeExpired(deps.prisma, now());
    if (name === "notices")
      return sendDataRequestNotices({
        prisma: deps.prisma,
        config: deps.config(),
        transport: deps.transport,
        now: now(),
      });
    // Not retried: the same name would be just as unknown next time.
    throw new UnrecoverableError(
      `unknown privacy job "${job.name}" (expected one of ${PRIVACY_JOB_NAMES.join(", ")})`,
    );
  };
}
