'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { greet } = require('../lib/greet.js');

const cli = path.join(__dirname, '..', 'bin', 'cli.js');

test('greets by name', () => {
  assert.equal(greet('Ada'), 'Hello, Ada!');
});

test('greets the world by default', () => {
  assert.equal(greet(), 'Hello, world!');
  assert.equal(greet('   '), 'Hello, world!');
});

test('the CLI prints the greeting', () => {
  const out = execFileSync(process.execPath, [cli, '--name', 'CLI'], { encoding: 'utf8' });
  assert.equal(out, 'Hello, CLI!\n');
});

test('the CLI shouts', () => {
  const out = execFileSync(process.execPath, [cli, '--shout'], { encoding: 'utf8' });
  assert.equal(out, 'HELLO, WORLD!\n');
});
