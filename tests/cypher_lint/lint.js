#!/usr/bin/env node
// Lints .cypher files with Neo4j's own Cypher parser and semantic analysis, offline
// (@neo4j-cypher/language-support, pinned in package.json beside this file).
//
// Usage: node tests/cypher_lint/lint.js FILE...
//
// Prints one JSON object on stdout:
//   {"files":    {"<path>": [{"severity": 1, "message": "...", "line": N, "column": N}, ...]},
//    "warnings": {"<path>": [{"severity": 2, "message": "...", "line": N, "column": N,
//                             "deprecated": true}, ...]},
//    "statements": {"<path>": N}}
// "files" holds the errors (severity 1) only; "warnings" the linter's remaining notices
// (deprecations, performance hints); "statements" how many ;-separated statements each file
// holds. Lines and columns are 1-based. Every path given appears in all three maps.
//
// Filtered out, because they come from linting without a database and are not query errors:
//   - "Parameter $x is not defined.": our queries take $parameters by design.
//   - "<Label|Function|Procedure|property> ... is not present in the database": the schema is
//     unknown here. The one kept is an unknown function *without* a namespace (e.g. `lenght(`),
//     checked against the package's own list of Neo4j built-in functions; namespaced ones
//     (apoc.*, plugins, newer built-ins such as Cypher 25's coll.*) cannot be known offline.
// Also ignored: a trailing chunk of only comments after the last ';', which the language
// service (unlike the Neo4j server) reports as "Expected any of CYPHER, EXPLAIN, PROFILE or a
// statement". A file of nothing but comments and whitespace is an error ("no Cypher statement").
//
// Exit 0 whenever the files were linted, problems or not (the caller decides); exit 2, with a
// message on stderr, on a failure of this script (no arguments, unreadable file, ...).
"use strict";

const fs = require("fs");

function fail(message) {
  process.stderr.write(`cypher lint: ${message}\n`);
  process.exit(2);
}

let ls;
try {
  ls = require("@neo4j-cypher/language-support");
} catch (err) {
  fail(`cannot load @neo4j-cypher/language-support (run "npm ci" in ${__dirname}): ${err.message}`);
}

const SEVERITY_ERROR = 1;
const DEPRECATED_TAG = 2; // vscode-languageserver-types DiagnosticTag.Deprecated
const NOT_IN_DATABASE = / is not present in the database\. /;
const UNKNOWN_FUNCTION = /^Function (\S+) is not present in the database\. /;

// Neo4j's built-in functions per Cypher version, as the package ships them (its testData is a
// dump of a real server's function list). isDeprecated is cleared so that the deprecation of a
// built-in is reported once, by Neo4j's semantic analysis, rather than twice.
function builtInFunctions() {
  const registry = {};
  const all = (ls.testData && ls.testData.mockSchema && ls.testData.mockSchema.functions) || {};
  for (const [version, functions] of Object.entries(all)) {
    registry[version] = {};
    for (const [name, fn] of Object.entries(functions)) {
      if (fn.isBuiltIn) registry[version][name] = { ...fn, isDeprecated: false };
    }
  }
  return registry;
}

const DB_SCHEMA = { functions: builtInFunctions() };

function isCommentOnly(text) {
  return text.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, "").trim() === "";
}

// Blank out (keeping offsets, lines and columns) a trailing run of comments after the last
// statement's ';'; the server accepts it, the language service does not.
function blankTrailingComments(text) {
  const chunks = ls.parseStatementsStrs(text);
  if (chunks.length < 2) return text;
  const last = chunks[chunks.length - 1];
  if (!isCommentOnly(last)) return text;
  const tail = last.trimEnd();
  const start = text.trimEnd().lastIndexOf(tail);
  if (start < 0 || text.slice(0, start).trimEnd().slice(-1) !== ";") return text;
  return text.slice(0, start) + text.slice(start).replace(/[^\r\n]/g, " ");
}

function isSchemaless(diagnostic) {
  if (!ls.isNotParamError(diagnostic)) return true;
  if (!NOT_IN_DATABASE.test(diagnostic.message)) return false;
  const fn = UNKNOWN_FUNCTION.exec(diagnostic.message);
  // Keep unknown un-namespaced functions (misspelt built-ins); drop everything else.
  return !(fn && !fn[1].includes("."));
}

function entry(diagnostic) {
  return {
    severity: diagnostic.severity,
    message: diagnostic.message,
    line: diagnostic.range.start.line + 1,
    column: diagnostic.range.start.character + 1,
  };
}

function lintText(text) {
  if (isCommentOnly(text)) {
    const error = { severity: SEVERITY_ERROR, message: "no Cypher statement in this file", line: 1, column: 1 };
    return { errors: [error], warnings: [], statements: 0 };
  }
  const linted = blankTrailingComments(text);
  const { diagnostics } = ls.lintCypherQuery(linted, DB_SCHEMA, { consoleCommandsEnabled: false });
  const errors = [];
  const warnings = [];
  const seen = new Set();
  for (const d of diagnostics) {
    if (isSchemaless(d)) continue;
    const key = `${d.severity}:${d.offsets && d.offsets.start}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (d.severity === SEVERITY_ERROR) {
      const fn = UNKNOWN_FUNCTION.exec(d.message);
      const message = fn
        ? `Function ${fn[1]} is not a Neo4j built-in function (checked offline against the list ` +
          "in @neo4j-cypher/language-support): misspelt?"
        : d.message;
      errors.push({ ...entry(d), message });
    } else {
      const deprecated = (d.tags || []).includes(DEPRECATED_TAG) || /deprecated/i.test(d.message);
      warnings.push({ ...entry(d), deprecated });
    }
  }
  const statements = ls.parseStatementsStrs(linted).filter((s) => !isCommentOnly(s)).length;
  return { errors, warnings, statements };
}

function main(paths) {
  if (paths.length === 0) fail("usage: node lint.js FILE...");
  const texts = new Map();
  for (const path of paths) {
    try {
      texts.set(path, fs.readFileSync(path, "utf8"));
    } catch (err) {
      fail(`cannot read ${path}: ${err.message}`);
    }
  }
  const out = { files: {}, warnings: {}, statements: {} };
  for (const [path, text] of texts) {
    const { errors, warnings, statements } = lintText(text);
    out.files[path] = errors;
    out.warnings[path] = warnings;
    out.statements[path] = statements;
  }
  process.stdout.write(JSON.stringify(out, null, 1) + "\n");
}

try {
  main(process.argv.slice(2));
} catch (err) {
  fail(`internal error: ${(err && err.stack) || err}`);
}
