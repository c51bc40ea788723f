// The build's asset step: tsc emits the JavaScript, this copies what n8n loads beside it
// (node and credential icons, codex .node.json files) into dist/ with the same layout.
const { src, dest } = require('gulp');

function copyAssets() {
	return src(['nodes/**/*.{svg,png,json}', 'credentials/**/*.{svg,png}', 'icons/**/*.{svg,png}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:assets'] = copyAssets;
