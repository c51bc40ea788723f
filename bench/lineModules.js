// Preloaded (`node -r ./bench/lineModules.js`) into a part 2 child that runs on another n8n line:
// `n8n-core` and `n8n-workflow` (and their subpaths) resolve from BENCH_N8N_MODULES (e.g.
// e2e/latest/node_modules) instead of the repository's own 2.8 copies, so our node runs through
// that line's WorkflowExecute and request helpers, as the n8n of that line would run it.
const Module = require('node:module');
const { join } = require('node:path');

const modules = process.env.BENCH_N8N_MODULES;
if (modules) {
	const resolve = Module._resolveFilename;
	Module._resolveFilename = function (request, parent, ...rest) {
		if (/^n8n-(core|workflow)(\/|$)/.test(request)) {
			return resolve.call(this, request, { ...parent, paths: [modules], filename: join(modules, 'x.js') }, ...rest);
		}
		return resolve.call(this, request, parent, ...rest);
	};
}
