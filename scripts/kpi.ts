/**
 * `npm run kpi -- <command> [options]`: KPI command-line tools. Each command lives in scripts/kpi/<name>.ts and
 * is loaded only when asked for; add a command by adding one line to COMMANDS.
 */

export interface KpiCommand {
  /** Runs the command with the arguments after its name; resolves to the process exit code. */
  run(args: readonly string[]): Promise<number>;
}

// Summaries live here so the usage text loads no command module (some pull in the database layer,
// whose exit hooks would otherwise decide the exit code).
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ command: KpiCommand }> }> = {
  "fit-clv": {
    summary: "fit a CLV model (BG/NBD, Pareto/NBD or MBG/NBD) + Gamma-Gamma to a transaction file; JSON",
    load: () => import("./kpi/fit-clv"),
  },
  compute: {
    summary: "every KPI of a shop for one period, with numerator, denominator and comparisons",
    load: () => import("./kpi/compute"),
  },
};

function usage(): string {
  const lines = ["usage: kpi <command> [options]", "", "commands:"];
  for (const [name, { summary }] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(12)} ${summary}`);
  return lines.join("\n") + "\n";
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  const load = name === undefined ? undefined : COMMANDS[name]?.load;
  if (!load) {
    if (name !== undefined && name !== "--help" && name !== "-h")
      process.stderr.write(`kpi: unknown command "${name}"\n`);
    process.stderr.write(usage());
    return name === "--help" || name === "-h" ? 0 : 2;
  }
  return (await load()).command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`kpi: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
