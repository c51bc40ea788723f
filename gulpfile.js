// The build's steps around tsc for each package (`npm run build` in packages/<name> = gulp clean,
// tsc, then `gulp --gulpfile ../../gulpfile.js --cwd . build:assets`): copies what n8n loads beside the
// compiled JavaScript into that package's dist/ with the same layout: node and credential icons
// and the codex .node.json files. `n8n-node build` does not replace it: it copies only icons,
// while the codex files, which n8n reads for the nodes panel's categories and links, it leaves out.
const { rmSync } = require('node:fs');
const { src, dest } = require('gulp');

// Before each build: dist/ holds only what this build compiles (a file deleted from the
// sources must not ship in the next tarball).
function clean(done) {
	rmSync('dist', { recursive: true, force: true });
	done();
}

function copyAssets() {
	return src(['nodes/**/*.{svg,png,json}', 'credentials/**/*.{svg,png}', 'icons/**/*.{svg,png}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports.clean = clean;
exports['build:assets'] = copyAssets;
