#!/usr/bin/env node
'use strict';

// app [--name NAME] [--shout]: prints a greeting.
const { parseArgs } = require('node:util');
const { greet } = require('../lib/greet.js');

const usage = 'usage: app [--name NAME] [--shout] [--help]';

function main(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        name: { type: 'string', short: 'n', default: 'world' },
        shout: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    process.stderr.write(`app: ${err.message}\n${usage}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const text = greet(values.name);
  process.stdout.write(`${values.shout ? text.toUpperCase() : text}\n`);
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}

module.exports = { main };
