// Lint: typed rules that catch real bugs (floating promises), hooks rules, type-only imports, no console.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.tmp/**', 'bench/results/**']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: {projectService: true, tsconfigRootDir: import.meta.dirname},
    },
    plugins: {'react-hooks': reactHooks},
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', {fixStyle: 'inline-type-imports'}],
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_'}],
      'no-console': 'error',
      'no-control-regex': 'off',
    },
  },
  // Layers (docs/architecture.md, "Layers"): the data layer never reaches the screen, and actions reach it only through
  // their definitions' form steps (src/actions/defs/, an action declared once with its dialog, issue 16).
  {
    files: ['src/data/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {regex: '(^|/)ui/', message: 'src/data never imports src/ui: move the pure logic into src/data.'},
            {regex: '^(react|ink)(/|$)', message: 'src/data never imports React or Ink.'},
          ],
        },
      ],
    },
  },
  {
    files: ['src/actions/**'],
    ignores: ['src/actions/defs/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {patterns: [{regex: '(^|/)ui/', message: 'src/actions never imports src/ui (only a definition in src/actions/defs/ renders its dialog).'}]},
      ],
    },
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**'],
    rules: {'no-console': 'off'},
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: {globals: {process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', Buffer: 'readonly'}},
  },
);
