// Starts and stops a real DraftPad server for the browser tests: a free loopback port, a
// temporary data directory, the built client (client/dist) and one maintainer token.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const clientDir = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
export const repoRoot = new URL('../../..', import.meta.url).pathname.replace(/\/$/, '');
export const maintainerToken = 'browser-test-maintainer-token-0123';

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** The server's dll: DRAFTPAD_SERVER_DLL, else the Release build (built here when missing). */
export function serverDll() {
  const dll = process.env.DRAFTPAD_SERVER_DLL ?? join(repoRoot, 'server/DraftPad.Server/bin/Release/net10.0/DraftPad.Server.dll');
  if (!existsSync(dll)) {
    console.log(`# ${dll} is missing: building the server (dotnet build -c Release)`);
    const build = spawnSync('dotnet', ['build', join(repoRoot, 'server/DraftPad.Server'), '-c', 'Release', '--nologo', '-v', 'q'], { stdio: 'inherit' });
    if (build.status !== 0 || !existsSync(dll)) throw new Error('could not build the server');
  }
  return dll;
}

export class DraftPadServer {
  constructor({ port, dataDir = mkdtempSync(join(tmpdir(), 'draftpad-browser-')), logFile }) {
    this.port = port;
    this.dataDir = dataDir;
    this.url = `http://127.0.0.1:${port}`;
    // The log lives outside the data directory, which is removed after the run.
    this.logFile = logFile ?? join(clientDir, 'test-results', 'server.log');
    mkdirSync(join(this.logFile, '..'), { recursive: true });
    this.log = createWriteStream(this.logFile, { flags: 'w' });
    this.process = null;
  }

  async start() {
    const args = [
      serverDll(),
      '--urls', this.url,
      `--Storage:DataDirectory=${this.dataDir}`,
      `--Client:Path=${join(clientDir, 'dist')}`,
      '--Access:Tokens:0:Name=maintainer',
      `--Access:Tokens:0:Token=${maintainerToken}`,
      '--Access:Tokens:0:Role=Maintainer',
    ];
    const child = spawn('dotnet', args, { env: { ...process.env, DOTNET_NOLOGO: '1', ASPNETCORE_ENVIRONMENT: 'Production' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(this.log, { end: false });
    child.stderr.pipe(this.log, { end: false });
    this.process = child;
    const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    this.exited = exited;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const early = await Promise.race([exited, new Promise((r) => setTimeout(() => r(undefined), 200))]);
      if (early !== undefined) throw new Error(`server exited with ${early} before it was ready; see ${this.logFile}`);
      try {
        const response = await fetch(`${this.url}/readyz`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
    }
    throw new Error('server not ready within 60 s');
  }

  /** Stops the server; `crash` kills it outright (SIGKILL), as a power cut would. */
  async stop({ crash = false } = {}) {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    child.kill(crash ? 'SIGKILL' : 'SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
    this.process = null;
  }

  /** Removes the temporary data directory (DRAFTPAD_KEEP_DATA=1 keeps it for a post-mortem). */
  cleanUp() {
    this.log.end();
    if (!process.env.DRAFTPAD_KEEP_DATA) rmSync(this.dataDir, { recursive: true, force: true });
  }

  async api(method, path, { body, token, type = 'application/json' } = {}) {
    const headers = {};
    if (body !== undefined) headers['Content-Type'] = type;
    if (token) headers.Authorization = `Bearer ${token}`;
    const payload = body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body;
    return fetch(`${this.url}${path}`, { method, headers, body: payload });
  }

  async markdown(padId) {
    const response = await this.api('GET', `/api/pads/${padId}/markdown`);
    if (!response.ok) throw new Error(`markdown of ${padId}: ${response.status}`);
    return response.text();
  }
}
