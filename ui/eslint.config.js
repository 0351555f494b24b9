// ESLint 9 flat config for the window: the recommended JavaScript, TypeScript and Vue 3 rules.
// Type checking itself is vue-tsc's job (scripts/test.sh runs both).
import js from "@eslint/js";
import pluginVue from "eslint-plugin-vue";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs["flat/recommended"],
  {
    files: ["**/*.{ts,vue}"],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, extraFileExtensions: [".vue"], sourceType: "module" },
    },
  },
  {
    // public/: classic scripts the page loads as they are (early-status.js).
    files: ["public/**/*.js"],
    languageOptions: { globals: { ...globals.browser }, sourceType: "script" },
  },
  {
    files: ["**/*.vue"],
    rules: {
      // The templates are laid out by hand to 120 columns, like the Rust (rustfmt.toml); these layout
      // rules of the recommended set would reflow every template without finding a single bug.
      "vue/max-attributes-per-line": "off",
      "vue/singleline-html-element-content-newline": "off",
      "vue/multiline-html-element-content-newline": "off",
      "vue/html-indent": "off",
      "vue/html-closing-bracket-newline": "off",
      "vue/first-attribute-linebreak": "off",
      // The ideographic space (U+3000) is Chinese typography in the text a clerk reads, not a typo.
      "no-irregular-whitespace": "off",
      "vue/no-irregular-whitespace": ["error", { skipHTMLTextContents: true, skipStrings: true }],
    },
  },
  {
    files: ["*.config.{js,ts}"],
    languageOptions: { globals: { ...globals.node } },
  },
);
