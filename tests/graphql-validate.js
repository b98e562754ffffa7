// graphql-validate.js: checks the client's request bodies against the schema
//
// SPDX-FileCopyrightText: 2026 The Vision Live Launcher authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Usage: node graphql-validate.js SCHEMA.graphql [DUMPER | BODIES | -]
//
// SCHEMA is the project's copy of the service's schema in SDL. The bodies,
// one JSON document per line as the client posts them, come from running
// DUMPER (an executable, such as tests/dump-requests), from the file BODIES,
// or from standard input. Every body must parse, validate against the schema,
// name its one operation, and carry variables that coerce to the operation's
// variable types, all as graphql-js (Debian package node-graphql) sees it.
// Output is TAP.

'use strict';

const childProcess = require('child_process');
const fs = require('fs');

let graphql;
let values;
try {
  graphql = require('graphql');
  values = require('graphql/execution/values');
} catch (e) {
  // Never a skip: a missing engine would hide every schema mistake.
  console.log('Bail out! graphql-js cannot be loaded (' +
              e.message.split('\n')[0] + '). ' +
              'Install the Debian package node-graphql ' +
              '(build-aux/install-deps) and run with ' +
              'NODE_PATH=/usr/share/nodejs.');
  process.exit(1);
}

const { buildSchema, parse, validate, Kind } = graphql;
const { getVariableValues } = values;

let testNumber = 0;
let failures = 0;

function tapText(text) {
  // A '#' would start a TAP directive; a newline would end the line.
  return String(text).replace(/[#\r\n]+/g, ' ');
}

function report(ok, description, problems) {
  testNumber++;
  if (!ok)
    failures++;
  console.log((ok ? 'ok ' : 'not ok ') + testNumber + ' - ' +
              tapText(description));
  for (const problem of problems || [])
    for (const line of String(problem).split('\n'))
      console.log('# ' + line);
}

function readBodies(source) {
  let text;

  if (source === undefined || source === '-') {
    text = fs.readFileSync(0, 'utf8');
  } else if ((fs.statSync(source).mode & 0o111) !== 0) {
    text = childProcess.execFileSync(source, [], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  } else {
    text = fs.readFileSync(source, 'utf8');
  }

  return text.split('\n').filter((line) => line.trim() !== '');
}

// Everything wrong with one request body, as a list of messages; empty when
// the service's GraphQL engine would accept it.
function checkBody(schema, body) {
  const problems = [];
  let document;

  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return ['the body is not a JSON object'];
  if (typeof body.query !== 'string')
    return ['"query" is not a string'];
  if (typeof body.operationName !== 'string')
    problems.push('"operationName" is not a string');
  if (body.variables !== undefined &&
      (body.variables === null || typeof body.variables !== 'object' ||
       Array.isArray(body.variables)))
    problems.push('"variables" is not a JSON object');

  try {
    document = parse(body.query);
  } catch (e) {
    return problems.concat(['the query does not parse: ' + e.message]);
  }

  for (const error of validate(schema, document))
    problems.push('invalid against the schema: ' + error.message);

  const operations = document.definitions.filter(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) {
    problems.push('expected exactly one operation, found ' +
                  operations.length);
    return problems;
  }

  const operation = operations[0];
  const name = operation.name ? operation.name.value : null;
  if (name !== body.operationName)
    problems.push('operationName "' + body.operationName +
                  '" does not name the operation "' + name + '"');

  const definitions = operation.variableDefinitions || [];
  const inputs = body.variables || {};
  const coerced = getVariableValues(schema, definitions, inputs);
  for (const error of coerced.errors || [])
    problems.push('variables do not coerce: ' + error.message);

  const declared = new Set(definitions.map((d) => d.variable.name.value));
  for (const key of Object.keys(inputs))
    if (!declared.has(key))
      problems.push('variable "' + key + '" is not declared by the operation');

  return problems;
}

function describe(body, index) {
  const input = body && body.variables ? body.variables.input : undefined;
  let summary = JSON.stringify(input === undefined ? null : input);

  if (summary.length > 60)
    summary = summary.slice(0, 57) + '...';

  return 'body ' + (index + 1) + ' (' +
         (body && body.operationName) + ' ' + summary + ')';
}

function main(argv) {
  if (argv.length < 1) {
    console.log('Bail out! usage: graphql-validate.js SCHEMA ' +
                '[DUMPER | FILE | -]');
    return 1;
  }

  const schema = buildSchema(fs.readFileSync(argv[0], 'utf8'));
  const lines = readBodies(argv[1]);
  const bodies = [];

  // Two set checks, one per body, the shared-document check and the
  // negative checks.
  console.log('1..' + (lines.length + 8));

  report(lines.length > 0, 'the dumper printed request bodies',
         lines.length > 0 ? [] : ['no bodies to check']);

  lines.forEach((line, index) => {
    let body = null;
    let problems;

    try {
      body = JSON.parse(line);
      problems = checkBody(schema, body);
    } catch (e) {
      problems = ['not JSON: ' + e.message];
    }

    bodies.push(body);
    report(problems.length === 0, describe(body, index), problems);
  });

  // Each operation the client has is exercised.
  const names = new Set(bodies.map((body) => body && body.operationName));
  const wanted = ['PrepareVisionLiveCall', 'GetVisionLiveCall'];
  const missing = wanted.filter((name) => !names.has(name));
  report(missing.length === 0, 'both operations are covered',
         missing.map((name) => 'no body for ' + name));

  // User text travels in variables only: whatever the draft held, the
  // document of an operation is the same text.
  const documents = new Map();
  for (const body of bodies) {
    if (!body || typeof body.query !== 'string')
      continue;
    if (!documents.has(body.operationName))
      documents.set(body.operationName, new Set());
    documents.get(body.operationName).add(body.query);
  }
  const varying = [...documents].filter(([, queries]) => queries.size !== 1);
  report(varying.length === 0,
         'each operation sends one fixed document, whatever the input',
         varying.map(([name, queries]) =>
           name + ' was sent as ' + queries.size + ' different documents'));

  // The checker is not a no-op: broken bodies made from real ones fail.
  const prepare = bodies.find(
    (body) => body && body.operationName === 'PrepareVisionLiveCall' &&
              body.variables && body.variables.input &&
              Array.isArray(body.variables.input.invitations));
  const get = bodies.find(
    (body) => body && body.operationName === 'GetVisionLiveCall');
  const negatives = [
    ['an unknown field is reported', prepare && {
      ...prepare,
      query: prepare.query.replace('visionLiveLink',
                                   'visionLiveLink\n      notAField'),
    }, /notAField/],
    ['an invitation type "fax" is reported', prepare && {
      ...prepare,
      variables: { input: {
        ...prepare.variables.input,
        invitations: [{ type: 'fax', recipient: '2223334444' }],
      } },
    }, /fax/],
    ['a query that does not parse is reported', get && {
      ...get,
      query: get.query.replace(/\}\s*$/, ''),
    }, /parse/],
    ['an operationName naming no operation is reported', get && {
      ...get,
      operationName: 'PrepareVisionLiveCall',
    }, /operationName/],
    ['a get without its id is reported', get && {
      ...get,
      variables: { input: {} },
    }, /id/],
  ];

  for (const [description, broken, expected] of negatives) {
    if (!broken) {
      report(false, description, ['no real body to break']);
      continue;
    }

    const problems = checkBody(schema, broken);
    const matched = problems.some((problem) => expected.test(problem));
    report(matched, description,
           matched ? [] : ['expected a problem matching ' + expected +
                           ', got: ' + (problems.join('; ') || 'none')]);
  }

  return failures === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
