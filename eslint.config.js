import js from "@eslint/js";
import tseslint from "typescript-eslint";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import pulse from "./eslint/pulse-plugin.js";

// app/ is the application; workers/ runs its jobs. The dependency goes one way only: workers/ imports
// the job contracts and producer from app/jobs, never the reverse (docs/decisions/0026-jobs-as-contracts.md).
const WORKERS_IMPORT = "(^|/)workers(/|$)";
const NO_WORKERS_MESSAGE =
  "app/ must not import workers/: enqueue through app/jobs/producer.server.ts and its contracts.";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "build/",
      ".data/",
      ".cache/",
      ".scratch/",
      "test-results/",
      "bench/results/",
      "extensions/*/dist/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { pulse },
    rules: { "pulse/import-style": "error" },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    plugins: { pulse },
    rules: {
      "pulse/layers": "error",
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: WORKERS_IMPORT, message: NO_WORKERS_MESSAGE }] },
      ],
      // Dynamic import() too; esquery's regex literal cannot hold a "/", hence \x2F.
      "no-restricted-syntax": [
        "error",
        {
          selector: `ImportExpression[source.value=/${WORKERS_IMPORT.replaceAll("/", "\\x2F")}/]`,
          message: NO_WORKERS_MESSAGE,
        },
      ],
    },
  },
  {
    // Pages, components and the digest email speak the reader's language: their words come from
    // app/i18n/messages (docs/decisions/0046-i18n-formatjs-catalogue.md).
    files: ["app/routes/**/*.tsx", "app/components/**/*.tsx", "app/digest/email/**/*.tsx"],
    plugins: { pulse },
    rules: { "pulse/no-ui-literals": "error" },
  },
  {
    files: ["**/*.tsx"],
    plugins: { react, "react-hooks": reactHooks },
    settings: { react: { version: "detect" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      ...reactHooks.configs.recommended.rules,
    },
  },
);
