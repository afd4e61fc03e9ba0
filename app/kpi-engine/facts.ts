/** What the SQL side gathers for one period: the facts of app/kpi/facts.ts. */
export type * from "~/kpi/facts";
