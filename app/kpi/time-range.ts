/** A half-open span of instants [start, end); every Period is one. */
export interface TimeRange {
  readonly start: Date;
  readonly end: Date;
}

export function inRange(instant: Date, range: TimeRange): boolean {
  const t = instant.getTime();
  return t >= range.start.getTime() && t < range.end.getTime();
}
