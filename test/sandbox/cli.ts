/* `npm run sandbox`: the vendor emulations on 127.0.0.1 until Ctrl-C. */
import { startSandbox } from './server';
import { ISC_TOKEN, ISC_USER_TOKEN } from './isc';
import { TPP_TOKEN } from './tpp';

async function main() {
	const port = Number(process.env.SANDBOX_PORT ?? 8787);
	const sandbox = await startSandbox({ port, latencyMs: Number(process.env.SANDBOX_LATENCY_MS ?? 0) });
	process.stdout.write(
		[
			`Sandbox listening on ${sandbox.url}`,
			'',
			'Venafi TPP credential:',
			`  Base URL      ${sandbox.url}`,
			`  Access Token  ${TPP_TOKEN}`,
			'',
			'SailPoint ISC credential:',
			`  Base URL      ${sandbox.url}`,
			`  Access Token  ${ISC_TOKEN}  (an admin; a plain user: ${ISC_USER_TOKEN})`,
			'',
			'Ctrl-C stops it.',
			'',
		].join('\n'),
	);
	const stop = () => {
		void sandbox.stop().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
