import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy that holds every chunk for `oneWayMs` in each direction, so a request through it
 * sees about 2 x oneWayMs of round trip (this kernel has no netem). It forwards bytes only: a
 * TLS handshake passes through it, paying the delay on each of its round trips as on a network.
 */
export interface DelayProxy {
	url(scheme: 'http' | 'https'): string;
	stop(): Promise<void>;
}

export async function startDelayProxy(target: { host: string; port: number }, oneWayMs: number): Promise<DelayProxy> {
	const sockets = new Set<Socket>();
	const delayed = (from: Socket, to: Socket) => {
		// Chunks keep their order: each leaves oneWayMs after it came, and timers of equal delay
		// fire in the order they were set.
		from.on('data', (chunk) => {
			setTimeout(() => {
				if (!to.destroyed) to.write(chunk);
			}, oneWayMs);
		});
		from.on('end', () => setTimeout(() => to.end(), oneWayMs));
		from.on('error', () => to.destroy());
		from.on('close', () => setTimeout(() => to.destroy(), oneWayMs));
	};
	const server: Server = createServer((client) => {
		const upstream = connect(target.port, target.host);
		for (const socket of [client, upstream]) {
			socket.setNoDelay(true);
			sockets.add(socket);
			socket.on('close', () => sockets.delete(socket));
		}
		delayed(client, upstream);
		delayed(upstream, client);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: (scheme) => `${scheme}://127.0.0.1:${port}`,
		async stop() {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
