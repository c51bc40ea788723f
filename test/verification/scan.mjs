// Runs @n8n/scan-community-package's own functions (the ones its CLI applies to a published
// package, without the download and provenance steps that need the internet) and prints the
// result as JSON. ESM, so the jest test runs it in a child process.
//   node test/verification/scan.mjs source <checkout> <package name>
//       as n8n does with the attested commit: findPackageRoot in the checkout, then the
//       analyzer on that folder's package.json, nodes/ and credentials/ (SOURCE_FILE_PATTERNS)
//   node test/verification/scan.mjs tarball <folder>
//       the analyzer on an unpacked tarball's compiled .js and package.json
import { resolve } from 'node:path';
import { analyzePackage, findPackageRoot, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const [mode, folder, packageName] = process.argv.slice(2);
let root = folder && resolve(folder);
let patterns;
if (mode === 'source' && folder && packageName) {
	root = findPackageRoot(resolve(folder), packageName);
	patterns = SOURCE_FILE_PATTERNS;
} else if (mode === 'tarball' && folder) {
	patterns = ['**/*.js', 'package.json'];
} else {
	process.stderr.write('usage: scan.mjs source <checkout> <package name> | scan.mjs tarball <folder>\n');
	process.exit(2);
}
const result = root ? await analyzePackage(root, patterns) : { passed: false, message: `no package.json named ${packageName}` };
process.stdout.write(JSON.stringify({ root, passed: result.passed, message: result.message, details: result.details }));
