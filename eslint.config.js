import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** The folders of actions/lib whose modules do I/O; every other module there is pure. */
const IO_HOMES = ['actions/lib/github/**', 'actions/lib/runner/**', 'actions/lib/workspace/**']

/** Imports that reach into an action's own src/ from outside it: from the CLI ... */
const ACTION_SRC = {
  regex: '(^|/)actions/[^/]+/src(/|$)',
  message:
    "An action's src/ is its own: move what you share to actions/lib/<domain> and import it from there.",
}
/** ... and from another action or actions/lib, which reach it as ../../<name>/src/. */
const ACTION_INSIDES = [ACTION_SRC, { ...ACTION_SRC, regex: '^(\\.\\./)+[^./][^/]*/src(/|$)' }]

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', 'coverage/**', 'test/fixtures/**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  {
    // What the CLI and another action need from an action belongs in actions/lib. (The pure block
    // below repeats this rule, as its own no-restricted-imports replaces this one there.)
    files: ['cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ACTION_SRC] }] },
  },
  {
    files: ['actions/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ACTION_INSIDES }] },
  },
  {
    // Pure logic must stay free of I/O and of the Actions toolkit (see README, Architecture). The
    // only modules in actions/lib that do I/O live in github/ (talks to GitHub), runner/ (the
    // runner's event, environment and annotations) and workspace/ (reads the checkout).
    files: ['actions/lib/**/*.ts', 'actions/*/src/plan*.ts'],
    ignores: IO_HOMES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@actions/*', '@octokit/*', 'octokit'],
              message: 'Pure logic never talks to GitHub: take data, return data.',
            },
            {
              group: ['fs', 'node:fs', 'fs/*', 'node:fs/*'],
              message: 'Pure logic never touches the file system.',
            },
            {
              // Their types (the shapes GitHub's data is read into) are shared; their code is not.
              regex: '(^|/)lib/(github|runner|workspace)/|^\\.\\./(github|runner|workspace)/',
              allowTypeImports: true,
              message:
                'Pure logic never calls the I/O modules (actions/lib/github, runner, workspace): take data, return data.',
            },
            ...ACTION_INSIDES,
          ],
        },
      ],
    },
  },
)
