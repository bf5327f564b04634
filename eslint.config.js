import js from "@eslint/js";
import tseslint from "typescript-eslint";

const outside = (message, ...groups) => ({ "no-restricted-imports": ["error", { patterns: [{ group: groups, message }] }] });
const NOT_DEV = ["**/dev/**", "**/bench/**", "**/test/**"];

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", ".data/**", "coverage/**", "bench/results/**", "test-results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
  { files: ["**/*.js", "**/*.cjs"], ...tseslint.configs.disableTypeChecked },
  { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs", globals: { module: "writable" } } },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
      // Handlers and ports are async by contract even when one implementation needs no await.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // Tests read untyped JSON from the API (their Json type is any) and assert on its shape.
    files: ["test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/restrict-template-expressions": "off",
    },
  },
  // The direction between folders (and no cycles) is checked by dependency-cruiser: .dependency-cruiser.cjs.
  {
    files: ["functions/**/*.ts", "shared/**/*.ts"],
    rules: outside("functions/ and shared/ never import dev/, bench/ or test/", ...NOT_DEV),
  },
  { files: ["shared/slots/**/*.ts"], rules: outside("the slot engine imports nothing of the project outside shared/slots", "../*") },
);
