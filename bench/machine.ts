import { readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';

/** What the figures were measured on, for the results file. */
export interface Machine {
	cpu: string;
	cores: number;
	memoryGb: number;
	node: string;
	os: string;
}

export function describeMachine(): Machine {
	let cpu = cpus()[0]?.model ?? 'unknown';
	try {
		const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((entry) => entry.startsWith('model name'));
		if (line) cpu = line.split(':').slice(1).join(':').trim();
	} catch {
		// Not Linux: os.cpus() says it.
	}
	return {
		cpu,
		cores: cpus().length,
		memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
		node: process.version,
		os: `${process.platform} ${release()}`,
	};
}
