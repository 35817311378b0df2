// The few asserts the web suite uses: a web worker has no Node `assert`.
'use strict';

class AssertionError extends Error {}

function fail(message, detail) {
  throw new AssertionError(message ? `${message}\n${detail}` : detail);
}

function ok(value, message) {
  if (!value) fail(message, `expected a truthy value, got ${JSON.stringify(value)}`);
}

function strictEqual(actual, expected, message) {
  if (!Object.is(actual, expected)) fail(message, `expected ${JSON.stringify(expected)}\n     got ${JSON.stringify(actual)}`);
}

function notStrictEqual(actual, expected, message) {
  if (Object.is(actual, expected)) fail(message, `expected anything but ${JSON.stringify(expected)}`);
}

/** Plain data (the suite compares lists of strings and records): equal when their JSON is. */
function deepStrictEqual(actual, expected, message) {
  const a = JSON.stringify(actual, null, 2);
  const e = JSON.stringify(expected, null, 2);
  if (a !== e) fail(message, `expected ${e}\n     got ${a}`);
}

module.exports = Object.assign(ok, { ok, strictEqual, notStrictEqual, deepStrictEqual, AssertionError });
