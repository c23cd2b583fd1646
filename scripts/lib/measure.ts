/**
 * What the benchmark measures besides the clock: peak memory of a process tree, folder sizes,
 * the client JavaScript a page loads, and a static file server for the search measurements.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Run {
	status: number;
	seconds: number;
	/** Peak resident memory of the process and all its descendants together, in MB. */
	peakMB: number;
	output: string;
}

/** Runs a command, sampling the memory of its whole process tree (Chromium included) every 200 ms. */
export function measure(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; echo?: boolean }): Promise<Run> {
	return new Promise((done) => {
		const started = performance.now();
		const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		const collect = (chunk: Buffer) => {
			output += chunk;
			if (options.echo) process.stderr.write(chunk);
		};
		child.stdout.on('data', collect);
		child.stderr.on('data', collect);
		let peak = 0;
		const timer = setInterval(() => {
			if (child.pid) peak = Math.max(peak, treeRss(child.pid));
		}, 200);
		child.on('close', (code) => {
			clearInterval(timer);
			done({ status: code ?? 1, seconds: (performance.now() - started) / 1000, peakMB: peak / 1024 / 1024, output });
		});
	});
}

/** Resident bytes of a process and its descendants, from /proc (Linux). */
function treeRss(root: number): number {
	const children = new Map<number, number[]>();
	const rss = new Map<number, number>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat: string;
		try {
			stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue; // gone in the meantime
		}
		// The command name (field 2) may hold spaces and parentheses: split after its last ')'.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const pid = Number(entry);
		const ppid = Number(fields[1]);
		rss.set(pid, Number(fields[21]) * 4096);
		children.set(ppid, [...(children.get(ppid) ?? []), pid]);
	}
	let total = 0;
	const stack = [root];
	while (stack.length) {
		const pid = stack.pop()!;
		total += rss.get(pid) ?? 0;
		stack.push(...(children.get(pid) ?? []));
	}
	return total;
}

export function folderBytes(folder: string): number {
	if (!existsSync(folder)) return 0;
	let total = 0;
	for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
		if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
	}
	return total;
}

export function htmlPages(folder: string): string[] {
	return readdirSync(folder, { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith('.html') && !file.startsWith('pagefind'))
		.map((file) => join(folder, file));
}

/**
 * The JavaScript a page loads before anyone interacts with it: its inline scripts, its script
 * files and every module those import statically (not the search UI, which loads on first use).
 */
export function clientJavaScript(dist: string, page: string): { raw: number; gzip: number; files: number } {
	const html = readFileSync(page, 'utf8');
	const seen = new Set<string>();
	let raw = 0;
	let gzip = 0;
	const add = (text: string) => {
		raw += Buffer.byteLength(text);
		gzip += gzipSync(text).length;
	};
	const visit = (file: string) => {
		if (seen.has(file) || !existsSync(file)) return;
		seen.add(file);
		const text = readFileSync(file, 'utf8');
		add(text);
		for (const [, spec] of text.matchAll(/(?:\bimport\s*(?:[\w*{}\s,$]+from\s*)?|\bexport\s*[\w*{}\s,$]+from\s*)["']([^"']+\.js)["']/g)) {
			visit(spec!.startsWith('/') ? join(dist, spec!) : resolve(dirname(file), spec!));
		}
	};
	for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
		if (/type="application\/(ld\+)?json"/.test(attributes!)) continue;
		const src = /\bsrc="([^"]+)"/.exec(attributes!)?.[1];
		if (src) visit(join(dist, src.replace(/^https?:\/\/[^/]+/, '')));
		else if (body!.trim()) {
			add(body!);
			for (const [, spec] of body!.matchAll(/\bimport\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g)) visit(join(dist, spec!));
		}
	}
	return { raw, gzip, files: seen.size };
}

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.wasm': 'application/wasm',
	'.xml': 'application/xml',
};

/** A static server for a built site (what a CDN would do: folders serve their index.html). */
export function serve(folder: string): Promise<{ url: string; server: Server }> {
	const server = createServer((request, response) => {
		let path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
		if (path.endsWith('/')) path += 'index.html';
		const file = resolve(folder, `.${path}`);
		if (!file.startsWith(resolve(folder)) || !existsSync(file) || !statSync(file).isFile()) {
			response.writeHead(404).end('not found');
			return;
		}
		response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
		response.end(readFileSync(file));
	});
	return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, server })));
}
