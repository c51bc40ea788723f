// Runs @n8n/scan-community-package's own analyzer (the one its CLI applies to a published
// package, without the download and provenance steps that need the internet) on a folder, and
// prints {passed, message, details} as JSON. ESM, so the jest test runs it in a child process.
//   node test/verification/scan.mjs source <folder>   the repository's sources (nodes, credentials, package.json)
//   node test/verification/scan.mjs tarball <folder>  an unpacked tarball (compiled .js and package.json)
import { resolve } from 'node:path';
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const [mode, folder] = process.argv.slice(2);
// The same two legs as the scanner's analyzePackageByName: sources, then the shipped artifact.
const patterns = { source: SOURCE_FILE_PATTERNS, tarball: ['**/*.js', 'package.json'] }[mode];
if (!patterns || !folder) {
	process.stderr.write('usage: scan.mjs source|tarball <folder>\n');
	process.exit(2);
}
const result = await analyzePackage(resolve(folder), patterns);
process.stdout.write(JSON.stringify({ passed: result.passed, message: result.message, details: result.details }));
