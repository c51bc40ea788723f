// The build's asset step (npm run build = tsc, then `gulp build:assets`): copies what n8n loads
// beside the compiled JavaScript into dist/ with the same layout: node and credential icons and
// the codex .node.json files. `n8n-node build` does not replace it: it copies only icons, and
// takes every *.png/*.svg in the repository (docs/ screenshots, e2e/node_modules), while the
// codex files, which n8n reads for the nodes panel's categories and links, it leaves out.
const { src, dest } = require('gulp');

function copyAssets() {
	return src(['nodes/**/*.{svg,png,json}', 'credentials/**/*.{svg,png}', 'icons/**/*.{svg,png}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:assets'] = copyAssets;
