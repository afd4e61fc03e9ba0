/** The backfill job's reason after a reinstall: the worker resumes the shop's schedules first. */
export const REINSTALL_REASON = "reinstall";
