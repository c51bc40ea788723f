// `npm run lint` is `n8n-node lint`: @n8n/node-cli's own ESLint config, unchanged, for everything
// the package ships (nodes/, credentials/, package.json). It holds the rule set n8n's scanner
// (@n8n/scan-community-package) applies, plus ESLint's, typescript-eslint's and import-x's
// recommended rules. The folders below never reach the tarball and are Node code by design
// (tests, the e2e suite and the benchmarks use fs, process, axios and child processes), so they
// are left out; `npm run typecheck` covers them. This one addition is why package.json's
// `n8n.strict` is false: strict mode requires this file to be the template byte for byte, which
// lints the whole repository. test/verification/scanner.test.ts runs the scanner's own analyzer
// on the sources and the packed tarball.
import { config } from '@n8n/node-cli/eslint';
import { globalIgnores } from 'eslint/config';

export default [globalIgnores(['test/**', 'e2e/**', 'bench/**', 'docs/**', 'examples/**', 'coverage/**']), ...config];
