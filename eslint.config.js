import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "data/**", ".scratch/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": [
        "error",
        {
          allowForKnownSafeCalls: [
            { from: "package", package: "node:test", name: ["describe", "it", "test", "suite"] },
          ],
        },
      ],
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The core is pure: no I/O, no environment, no framework. It runs unchanged in the browser.
    files: ["src/core/**/*.ts"],
    ignores: ["src/core/**/*.test.ts"], // tests run in Node; the code they test stays pure
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["node:*", "fs", "path", "os", "child_process", "crypto"],
              message: "src/core is pure: no Node I/O.",
            },
            {
              group: [
                "**/server/**",
                "**/store/**",
                "**/cli/**",
                "**/web/**",
                "**/app/**",
                "**/mail/**",
                "**/jobs/**",
                "**/channels/**",
              ],
              message: "src/core must not depend on outer layers.",
            },
            {
              group: ["fastify*", "kysely*", "pg", "@electric-sql/*", "react*", "nodemailer"],
              message: "src/core must not import frameworks.",
            },
          ],
        },
      ],
      "no-restricted-globals": ["error", { name: "process", message: "src/core reads no environment." }],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: { globals: { ...globals.node } },
  },
);
