import { defineConfig } from 'vitest/config';

// `npm run dev` serves the client with hot reload and forwards the API and the hub to a
// running server (DRAFTPAD_SERVER, default the server's default address), so the client
// talks to its own origin exactly as it does when the server serves dist/.
const server = process.env.DRAFTPAD_SERVER ?? 'http://127.0.0.1:5080';
const proxy = {
  '/api': { target: server, changeOrigin: true },
  '/hubs': { target: server, changeOrigin: true, ws: true },
  '/readyz': { target: server, changeOrigin: true },
};

export default defineConfig({
  // Relative asset paths: the server serves dist/ at / (or under a prefix), so nothing in
  // the build may assume where it is mounted.
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // CodeMirror + Yjs + SignalR make one ~900 kB (300 kB gzipped) bundle; splitting it
    // would only add requests for a single-page editor.
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1', proxy },
  preview: { host: '127.0.0.1', proxy },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
