#!/usr/bin/env node
// `npm run package`: the extension as kpilens-<version>.vsix at the repository root, from a
// minified build, holding only the files .vscodeignore allows; prints its size.
//
// vsce needs Node 22 or later, and kpilens builds on Node 20 too, so vsce is not in
// package.json: it is installed once into the tool cache with Node 24, as the e2e runner does
// (scripts/tools.mjs, docs/development.md). The README's relative links and images become
// addresses in the repository named in package.json, as the Marketplace shows them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheDir, cleanEnv, ensureNodeTools, markFresh, run } from './tools.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const log = (m) => console.log(`package: ${m}`);

/** The number of entries of a zip file, from its end of central directory record. */
function zipEntries(file) {
  const buf = fs.readFileSync(file);
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) return buf.readUInt16LE(i + 10);
  }
  throw new Error(`${file} is not a zip file`);
}

const { dir: cache, fresh } = cacheDir();
if (fresh) markFresh(cache);
try {
  const tools = ensureNodeTools(cache, log);
  log('build: node esbuild.mjs --production');
  run(process.execPath, ['esbuild.mjs', '--production'], { cwd: REPO, env: cleanEnv() });
  const out = path.join(REPO, `${pkg.name}-${pkg.version}.vsix`);
  fs.rmSync(out, { force: true });
  log('vsce package');
  run(tools.node24, [tools.vsce, 'package', '--no-dependencies', '--out', out], { cwd: REPO, env: tools.env24, quiet: true });
  const kib = (fs.statSync(out).size / 1024).toFixed(0);
  console.log(`${path.basename(out)}: ${kib} KiB, ${zipEntries(out)} files`);
} finally {
  if (fresh) fs.rmSync(cache, { recursive: true, force: true });
}
