import { UnrecoverableError, type JobsOptions } from "bullmq";
import { z } from "zod";

/**
 * What producer and worker agree on for one queue: its name, the job names it carries, the shape of a
 * job's data and the options every job gets. The app enqueues against it; workers/ parses with it.
 */
export interface JobContract<Schema extends z.ZodType> {
  queue: string;
  names: readonly string[];
  schema: Schema;
  options: JobsOptions;
}

export const defineJob = <Schema extends z.ZodType>(contract: JobContract<Schema>): JobContract<Schema> =>
  contract;

export class InvalidJobPayloadError extends Error {
  override name = "InvalidJobPayloadError";
}

/** Producer side: a payload that breaks the contract is a bug in the caller, refused before it is queued. */
export function checkedPayload<Schema extends z.ZodType>(
  contract: JobContract<Schema>,
  name: string,
  data: unknown,
): z.output<Schema> {
  if (!contract.names.includes(name))
    throw new InvalidJobPayloadError(`${contract.queue}: unknown job name "${name}"`);
  const result = contract.schema.safeParse(data);
  if (!result.success)
    throw new InvalidJobPayloadError(
      `invalid ${contract.queue} job "${name}": ${z.prettifyError(result.error)}`,
    );
  return result.data;
}

/**
 * Worker side: a job whose data breaks the contract (queued by an older or foreign producer, or edited by
 * hand) fails at once with the reason; retrying the same data cannot help, so BullMQ does not retry it.
 */
export function parseJobData<Schema extends z.ZodType>(
  contract: JobContract<Schema>,
  job: { id?: string; name: string; data: unknown },
): z.output<Schema> {
  const result = contract.schema.safeParse(job.data);
  if (result.success) return result.data;
  throw new UnrecoverableError(
    `malformed ${contract.queue} job ${job.id ?? "(no id)"} "${job.name}": ${z.prettifyError(result.error)}`,
  );
}

/** A shop's row id. */
export const shopIdSchema = z.number().int().positive();
