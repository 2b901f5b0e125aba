/** The path of the loadable extension in this package (psvtab.so). */
export function getLoadablePath(): string;
/** Registers the psvtab tables and functions on a better-sqlite3 Database
 *  (or any database with loadExtension(path)). */
export function load(db: { loadExtension(path: string): unknown }): void;
