import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** The layers: functions -> app -> http -> booking -> slots; store implements booking's ports. */
const outside = (message, ...groups) => ({ "no-restricted-imports": ["error", { patterns: [{ group: groups, message }] }] });
const NOT_DEV = ["**/dev/**", "**/bench/**", "**/test/**"];

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", ".data/**", "coverage/**", "bench/results/**", "test-results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
  { files: ["**/*.js"], ...tseslint.configs.disableTypeChecked },
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
  { files: ["functions/**/*.ts"], rules: outside("functions/ never import dev/, bench/ or test/", ...NOT_DEV) },
  {
    files: ["shared/app/**/*.ts"],
    rules: outside("the composition root never imports dev/, bench/ or test/", ...NOT_DEV, "**/functions/**"),
  },
  {
    files: ["shared/http/**/*.ts"],
    rules: outside("the HTTP edge reaches storage only through booking's ports", ...NOT_DEV, "**/functions/**", "**/app/**", "**/store/**"),
  },
  {
    files: ["shared/facades/**/*.ts"],
    rules: outside(
      "a facade is part of the HTTP edge: parse, map, call booking",
      ...NOT_DEV,
      "**/functions/**",
      "**/app/**",
      "**/store/**",
    ),
  },
  {
    files: ["shared/schemas/**/*.ts", "shared/ical/**/*.ts", "shared/config/**/*.ts"],
    rules: outside("schemas, ical and config sit below the edge", ...NOT_DEV, "**/functions/**", "**/app/**", "**/http/**", "**/store/**"),
  },
  {
    files: ["shared/booking/**/*.ts"],
    rules: outside(
      "the booking domain never imports store, http, app or functions",
      ...NOT_DEV,
      "**/functions/**",
      "**/app/**",
      "**/http/**",
      "**/store/**",
    ),
  },
  {
    files: ["shared/store/**/*.ts"],
    rules: outside("store implements booking's ports; it never imports the edge", ...NOT_DEV, "**/functions/**", "**/app/**", "**/http/**"),
  },
  {
    files: ["shared/crypto/**/*.ts"],
    rules: outside(
      "crypto implements booking's personal-data port; it never imports the edge",
      ...NOT_DEV,
      "**/functions/**",
      "**/app/**",
      "**/http/**",
    ),
  },
  { files: ["shared/slots/**/*.ts"], rules: outside("the slot engine imports nothing of the project outside shared/slots", "../*") },
);
