import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";
import { builtinModules } from "node:module";

// office-addin-lint's own rules plus what a TypeScript project needs: TypeScript itself checks names,
// so eslint's no-undef (which does not know the Office and DOM globals' types) is off.
export default [
  ...officeAddins.configs.recommended,
  {
    plugins: { "office-addins": officeAddins },
    languageOptions: { parser: tsParser },
    rules: { "no-undef": "off" },
  },
  // The layers: the pure core knows nothing of the functions, the pane, the runtime wiring, Node or Office.
  {
    files: ["src/core/**/*.ts"],
    ignores: ["src/core/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "**/functions/**",
                "**/taskpane/**",
                "**/runtime/live-store",
                "**/runtime/dataset-storage",
              ],
              message:
                "src/core must not import the functions, the task pane or the runtime wiring.",
            },
          ],
          paths: [
            ...builtinModules
              .flatMap((name) => [name, `node:${name}`])
              .map((name) => ({
                name,
                message: "src/core runs in the browser: no Node built-ins.",
              })),
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        ...["Office", "Excel", "OfficeRuntime", "CustomFunctions"].map((name) => ({
          name,
          message:
            "src/core knows nothing about Office: map to Office in src/functions or src/taskpane.",
        })),
      ],
    },
  },
];
