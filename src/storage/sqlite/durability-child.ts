/**
 * A child process for the durability test: creates keys one at a time in the SQLite store at argv[2] and
 * prints each key once its write is acknowledged, until it is killed.
 */
import { openSqliteStore } from './sqlite-store.js';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: durability-child FILE');
const store = openSqliteStore({ file });
const value = new Uint8Array(1024).fill(65);
for (let i = 0; ; i++) {
  const key = `/durability/k${String(i).padStart(7, '0')}`;
  const result = await store.create(key, value);
  if (!result.ok) throw new Error(`create ${key} missed`);
  process.stdout.write(`${key} ${result.revision}\n`);
  if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
}
