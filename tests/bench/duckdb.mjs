// The coverage job in DuckDB (npm @duckdb/node-api): read_csv the
// register's files and wilayah.csv, then the GROUP BY query of
// coverage.sql (the one sqlite3 and csvkit run).  Prints
// region,villages,covered,kim per kabupaten/kota with villages, by code.
//
//   node duckdb.mjs DATA_DIR
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const dir = process.argv[2];
const q = (s) => "'" + s.replaceAll("'", "''") + "'";
const sql = readFileSync(new URL('coverage.sql', import.meta.url), 'utf8');

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
// the register's header is fixed (kim-data(5)): no sniffing of 500 files
const cols = 'id,name,region,formed,sk,chair,secretary,treasurer,members,' +
	'sectors,status,website,contact,verified,registered,updated,notes';
const spec = '{' + cols.split(',').map((c) => `'${c}': 'VARCHAR'`).join(', ') + '}';
await con.run(`CREATE VIEW kim AS SELECT * FROM read_csv(${q(dir + '/kim/*.csv')},
	header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
	columns = ${spec})`);
await con.run(`CREATE VIEW w AS SELECT * FROM read_csv(${q(dir + '/wilayah.csv')}, header = true, all_varchar = true)`);
const reader = await con.runAndReadAll(sql);
let out = '';
for (const row of reader.getRows())
	out += row.map(String).join(',') + '\n';
process.stdout.write(out);
