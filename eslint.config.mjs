// ESLint: typescript-eslint strict + type-aware, React hooks, Next's rules. `npm run lint`.
// Every rule turned off or relaxed below says why on its own line.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  {
    ignores: [
      "node_modules/",
      ".next/",
      "dist/",
      "dist.*/",
      "generated/",
      "public/",
      "native/",
      "test-results/",
      "playwright-report/",
      "data/",
      "runs/",
      "next-env.d.ts",
      "**/*.cjs",
      "**/*.mjs",
    ],
  },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Typed arrays and tensors are indexed under noUncheckedIndexedAccess; `!` there states a bound checked by the loop.
      "@typescript-eslint/no-non-null-assertion": "off",
      // Numbers, booleans and arrays (tensor shapes) print plainly in messages; objects and nullables still may not.
      "@typescript-eslint/restrict-template-expressions": [
        "error",
        { allowNumber: true, allowBoolean: true, allowArray: true },
      ],
      // `() => void f()` style is noise for one-line arrow callbacks (event handlers, setters).
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true }],
      // node:test's test/it/describe/suite return promises the runner awaits itself.
      "@typescript-eslint/no-floating-promises": [
        "error",
        {
          allowForKnownSafeCalls: [
            { from: "package", package: "node:test", name: ["test", "it", "describe", "suite"] },
          ],
        },
      ],
      // `_name` marks a parameter kept for a signature (callbacks, interface implementations).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/no-explicit-any": "error",
      // `async` on a method of a Promise-returning interface (memory repositories, fakes) turns a throw into a rejection.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks, "@next/next": nextPlugin },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
      "react-hooks/exhaustive-deps": "error",
    },
  },
);
