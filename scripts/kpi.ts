/**
 * `npm run kpi -- <command> [options]`: KPI command-line tools. Each command lives in scripts/kpi/<name>.ts and
 * is loaded only when asked for; add a command by adding one line to COMMANDS.
 */

export interface KpiCommand {
  /** One line for the usage text. */
  summary: string;
  /** Runs the command with the arguments after its name; resolves to the process exit code. */
  run(args: readonly string[]): Promise<number>;
}

const COMMANDS: Record<string, () => Promise<{ command: KpiCommand }>> = {
  "fit-clv": () => import("./kpi/fit-clv"),
};

async function usage(): Promise<string> {
  const lines = ["usage: kpi <command> [options]", "", "commands:"];
  for (const [name, load] of Object.entries(COMMANDS)) lines.push(`  ${name.padEnd(12)} ${(await load()).command.summary}`);
  return lines.join("\n") + "\n";
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  const load = name === undefined ? undefined : COMMANDS[name];
  if (!load) {
    if (name !== undefined && name !== "--help" && name !== "-h") process.stderr.write(`kpi: unknown command "${name}"\n`);
    process.stderr.write(await usage());
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
