'use strict';

/**
 * The greeting for name; a missing or blank name greets "world".
 * @param {string} [name]
 * @returns {string}
 */
function greet(name) {
  const who = typeof name === 'string' && name.trim() !== '' ? name.trim() : 'world';
  return `Hello, ${who}!`;
}

module.exports = { greet };
