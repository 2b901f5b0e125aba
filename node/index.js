'use strict';
// psvtab: the live operating system as SQLite tables, for better-sqlite3.
//
//   const Database = require('better-sqlite3');
//   const psvtab = require('psvtab');
//   const db = new Database(':memory:');
//   psvtab.load(db);
//   db.prepare('SELECT pid, name, rss FROM processes ORDER BY rss DESC LIMIT 5').all();
const path = require('path');

// The path of the loadable extension in this package (psvtab.so).
function getLoadablePath() {
  return path.join(__dirname, 'psvtab.so');
}

// Registers the psvtab tables and functions on db: a better-sqlite3
// Database, or any object with loadExtension(path).
function load(db) {
  if (!db || typeof db.loadExtension !== 'function') {
    throw new TypeError('psvtab.load: expected a database with loadExtension(path), such as a better-sqlite3 Database');
  }
  db.loadExtension(getLoadablePath());
}

module.exports = { getLoadablePath, load };
