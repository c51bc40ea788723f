// The build's asset step for each package (`npm run build` in packages/<name> = tsc, then
// `gulp --gulpfile ../../gulpfile.js --cwd . build:assets`): copies what n8n loads beside the
// compiled JavaScript into that package's dist/ with the same layout: node and credential icons
// and the codex .node.json files. `n8n-node build` does not replace it: it copies only icons,
// while the codex files, which n8n reads for the nodes panel's categories and links, it leaves out.
const { src, dest } = require('gulp');

function copyAssets() {
	return src(['nodes/**/*.{svg,png,json}', 'credentials/**/*.{svg,png}', 'icons/**/*.{svg,png}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:assets'] = copyAssets;
