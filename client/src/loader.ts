// What VS Code loads: the extension itself (dist/client.js) compiled with V8's code cache. Most
// of the extension's activation is V8 compiling the bundle (vscode-languageclient is most of it);
// with the cache of an earlier activation, loading takes about half as long. The cache sits beside
// the bundle, is written after the first activation (and whenever V8 rejects it, after an update
// of VS Code), and anything that goes wrong with it only means compiling without it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { wrap } from 'node:module';
import type * as vscode from 'vscode';

interface Extension {
  activate(context: vscode.ExtensionContext): void;
  deactivate(): Thenable<void> | undefined;
}

const file = path.join(__dirname, 'client.js');
const cacheFile = path.join(__dirname, 'client.js.cache');

let cachedData: Buffer | undefined;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
const loaded = { exports: {} as Extension };
// The extension's require is this module's: VS Code hands out its API by the requiring module's path.
(script.runInThisContext() as (...args: unknown[]) => void).call(loaded.exports, loaded.exports, require, loaded, file, __dirname);

export function activate(context: vscode.ExtensionContext): void {
  loaded.exports.activate(context);
  if (cachedData && !script.cachedDataRejected) return;
  // After activate(), so that the cache holds the functions it compiled, and outside it. Written
  // whole, then renamed: two windows may race.
  setImmediate(() => {
    const tmp = `${cacheFile}.${process.pid}`;
    fs.promises
      .writeFile(tmp, script.createCachedData())
      .then(() => fs.promises.rename(tmp, cacheFile))
      // A read-only extension folder: every activation compiles without a cache.
      .catch(() => fs.promises.rm(tmp, { force: true }).catch(() => undefined));
  });
}

export function deactivate(): Thenable<void> | undefined {
  return loaded.exports.deactivate();
}
