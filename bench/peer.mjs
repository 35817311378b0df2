#!/usr/bin/env node
// The bench's peer, yaml-language-server, is not a devDependency: its current versions need
// Node >= 22.13, and `npm ci` must stay clean on every Node the project supports. This installs
// it once into the tool cache (docs/development.md) with Node 24 from npm, and prints
// {"node": ..., "server": ...} for bench/run.ts.
import * as path from 'node:path';
import { cacheDir, ensureNode, NODE_VERSIONS, npmInstall } from '../scripts/tools.mjs';

const VERSION = '2.0.0';
const log = (m) => console.error(`[bench] ${m}`);
const { dir: cache } = cacheDir({ ...process.env, CI: undefined });
const node = ensureNode(cache, NODE_VERSIONS[24], log);
const dir = path.join(cache, 'yaml-language-server');
npmInstall(cache, dir, `yaml-language-server@${VERSION}`, 'yaml-language-server', [`yaml-language-server@${VERSION}`], { nodeBin: path.dirname(node), log });
console.log(JSON.stringify({ node, server: path.join(dir, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server') }));
