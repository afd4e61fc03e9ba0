import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// Prisma's Rust engines cannot be downloaded on these machines, so the CLI runs on the JS engine
// through the pg driver adapter (see docs/decisions/0002-prisma-without-rust-engines.md).
// The CLI refuses to parse a schema whose datasource URL variable is unset, even for commands that never
// connect (generate, migrate diff); a placeholder keeps those working on a machine with no database yet.
process.env.DATABASE_URL ??= "postgresql://placeholder@localhost:5432/placeholder";

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "" });
  },
});
