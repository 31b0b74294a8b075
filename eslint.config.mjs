import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

// office-addin-lint's own rules plus what a TypeScript project needs: TypeScript itself checks names,
// so eslint's no-undef (which does not know the Office and DOM globals' types) is off.
export default [
  ...officeAddins.configs.recommended,
  {
    plugins: { "office-addins": officeAddins },
    languageOptions: { parser: tsParser },
    rules: { "no-undef": "off" },
  },
];
