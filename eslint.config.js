import js from '@eslint/js'
import tseslint from 'typescript-eslint'

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
    // Pure logic must stay free of I/O and of the Actions toolkit (see README, Architecture).
    files: [
      'actions/lib/group-file/**/*.ts',
      'actions/lib/schedule/**/*.ts',
      'actions/lib/templates/**/*.ts',
      'actions/lib/forms/**/*.ts',
      'actions/lib/commands/**/*.ts',
      'actions/lib/pairing/**/*.ts',
      'actions/lib/anonymize/**/*.ts',
      'actions/lib/cohort/issues.ts',
      'actions/lib/retro/**/*.ts',
      'actions/*/src/plan*.ts',
    ],
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
          ],
        },
      ],
    },
  },
)
