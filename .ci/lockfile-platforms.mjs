// The npm registry mirror here lacks DuckDB binding packages for other platforms, so `npm install`
// leaves them out of package-lock.json and `npm ci` then refuses the lock. This adds the missing
// optional entries (platform-gated, never installed on linux-x64). Run after any `npm install`:
//   node .ci/lockfile-platforms.mjs package-lock.json
import { readFileSync, writeFileSync } from 'node:fs';
const f = process.argv[2];
const lock = JSON.parse(readFileSync(f, 'utf8'));
const base = lock.packages['node_modules/@duckdb/node-bindings'];
const plat = { 'darwin-arm64': ['darwin','arm64'], 'darwin-x64': ['darwin','x64'], 'linux-arm64': ['linux','arm64','glibc'], 'linux-arm64-musl': ['linux','arm64','musl'], 'win32-arm64': ['win32','arm64'], 'win32-x64': ['win32','x64'] };
for (const [name, ver] of Object.entries(base.optionalDependencies)) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const suffix = name.replace('@duckdb/node-bindings-', '');
  const [os, cpu, libc] = plat[suffix];
  lock.packages[key] = { version: ver, cpu: [cpu], ...(libc ? { libc: [libc] } : {}), license: 'MIT', optional: true, os: [os] };
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(f, JSON.stringify(lock, null, 2) + '\n');
