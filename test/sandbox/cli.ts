/* `npm run sandbox`: the vendor emulations on 127.0.0.1 until Ctrl-C. */
import { startSandbox } from './server';
import { ISC_TOKEN, ISC_USER_TOKEN } from './isc';
import { ISC_CLIENT_ID, ISC_CLIENT_SECRET } from './iscAuth';
import { TPP_TOKEN } from './tpp';
import { TPP_CLIENT_ID, TPP_PASSWORD, TPP_USERNAME } from './tppAuth';

async function main() {
	const port = Number(process.env.SANDBOX_PORT ?? 8787);
	const sandbox = await startSandbox({ port, latencyMs: Number(process.env.SANDBOX_LATENCY_MS ?? 0) });
	// A plain web site next to it, to see what the credentials' Test button says about one.
	const webSite = await startSandbox({ port: port + 1, webSite: true });
	process.stdout.write(
		[
			`Sandbox listening on ${sandbox.url}`,
			'',
			'Venafi TPP credential:',
			`  Base URL      ${sandbox.url}`,
			`  Access Token  ${TPP_TOKEN}`,
			`  or OAuth: Client ID ${TPP_CLIENT_ID}, Username ${TPP_USERNAME}, Password ${TPP_PASSWORD}`,
			'',
			'SailPoint ISC credential:',
			`  Base URL      ${sandbox.url}`,
			`  Access Token  ${ISC_TOKEN}  (an admin; a plain user: ${ISC_USER_TOKEN})`,
			`  or Client Credentials: Client ID ${ISC_CLIENT_ID}, Client Secret ${ISC_CLIENT_SECRET}`,
			'',
			`A web site that is not the API (every path answers an HTML page): ${webSite.url}`,
			'',
			'Ctrl-C stops it.',
			'',
		].join('\n'),
	);
	const stop = () => {
		void Promise.all([sandbox.stop(), webSite.stop()]).then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
