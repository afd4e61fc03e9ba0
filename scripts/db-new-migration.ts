/**
 * `npm run db:migration -- <name> [--from <git ref>]`: writes prisma/migrations/<timestamp>_<name>/migration.sql
 * with the SQL that takes the schema at <ref> (default HEAD) to the working tree's prisma/schema.prisma.
 *
 * Prisma's own `migrate dev` cannot run here (its JS engine fails to introspect PostgreSQL, prisma#27403),
 * but a datamodel-to-datamodel diff works; it still wants a reachable database, so one is started.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "~/db/embedded-postgres.server";

const [name, ...rest] = process.argv.slice(2);
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <snake_case_name> [--from <git ref>]");
  process.exit(2);
}
const fromRef = rest[0] === "--from" && rest[1] ? rest[1] : "HEAD";

const root = path.resolve(import.meta.dirname, "..");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pulse-migration-"));
fs.chmodSync(scratch, 0o755);
const previousSchema = path.join(scratch, "previous.prisma");
fs.writeFileSync(
  previousSchema,
  execFileSync("git", ["show", `${fromRef}:prisma/schema.prisma`], { cwd: root }),
);

const server = await startEmbeddedPostgres({
  dataDir: path.join(scratch, "pg"),
  port: 50_000 + Math.floor(Math.random() * 10_000),
  fast: true,
});
try {
  const sql = execFileSync(
    path.join(root, "node_modules/.bin/prisma"),
    [
      "migrate",
      "diff",
      "--from-schema-datamodel",
      previousSchema,
      "--to-schema-datamodel",
      "prisma/schema.prisma",
      "--script",
    ],
    { cwd: root, env: { ...process.env, DATABASE_URL: server.serverUrl }, encoding: "utf8" },
  );
  if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
    console.log(`prisma/schema.prisma has no change against ${fromRef}: no migration written`);
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(root, "prisma/migrations", `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`wrote ${path.relative(root, dir)}/migration.sql`);
  }
} finally {
  await server.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
}
