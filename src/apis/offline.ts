/**
 * Preloaded (`node --import`) into every Redocly process Opsbook starts: the network is off.
 * Redocly would otherwise fetch `$ref`s and `extends:` that are URLs, check npm for a newer
 * version and, unless told not to, send telemetry. Opsbook turns telemetry off and refuses
 * remote `$ref`s itself (specs.ts); this makes sure nothing slips through: `fetch` and every TCP
 * connection fail with a message that says why.
 */
import net from 'node:net';

const refuse = (what: string) => new Error(`opsbook: network access refused (${what}); specs are linted and bundled offline`);

globalThis.fetch = (input: string | URL | Request) => {
	const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
	return Promise.reject(refuse(url));
};

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
	const first = args[0];
	const options = Array.isArray(first) ? first[0] : first;
	// Local IPC (a Unix socket or a Windows pipe) is not the network.
	const ipc = typeof options === 'string' ? !/^\d+$/.test(options) : typeof options === 'object' && options !== null && 'path' in options && Boolean((options as { path?: unknown }).path);
	if (!ipc) {
		const where = typeof options === 'object' && options !== null ? `${(options as { host?: string }).host ?? 'localhost'}:${(options as { port?: unknown }).port}` : `${String(args[1] ?? 'localhost')}:${String(options)}`;
		const error = refuse(where);
		process.nextTick(() => this.destroy(error));
		return this;
	}
	return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
