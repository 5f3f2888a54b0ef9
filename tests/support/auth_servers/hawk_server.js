#!/usr/bin/env node
// Hawk verifier for Postern's tests: Debian's node-hawk (the reference implementation, hapijs
// hawk 9) checks every request with Hawk.server.authenticate. Node rather than Python because
// Debian has no Python Hawk server (python3-mohawk is not packaged). Same contract as the other
// servers here: prints its port, exits when stdin closes or on SIGTERM.
//
//   NODE_PATH=/usr/share/nodejs node hawk_server.js --id ID --key KEY [--algorithm sha256|sha1]
//       [--payload] (the payload hash is required and checked) [--skew SECONDS] (this server's
//       clock runs that far ahead, so clients get a "Stale timestamp" challenge with its tsm)
'use strict';

const Http = require('http');
const Hawk = require('hawk');

function option(name, fallback) {
  const at = process.argv.indexOf('--' + name);
  return at < 0 ? fallback : process.argv[at + 1];
}

const credentials = {
  id: option('id'),
  key: option('key'),
  algorithm: option('algorithm', 'sha256'),
  user: 'postern-test',
};
const checkPayload = process.argv.includes('--payload');
const skewMsec = Number(option('skew', '0')) * 1000;
const seenNonces = new Set();

async function verify(req, body) {
  const options = {
    localtimeOffsetMsec: skewMsec,
    // Replays are refused, as a real server would (the nonce is per key and timestamp).
    nonceFunc: (key, nonce, ts) => {
      const id = `${key}:${nonce}:${ts}`;
      if (seenNonces.has(id)) throw new Error('replayed nonce');
      seenNonces.add(id);
    },
  };
  if (checkPayload) options.payload = body;
  return Hawk.server.authenticate(req, (id) => (id === credentials.id ? credentials : null),
                                  options);
}

const server = Http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', async () => {
    const body = Buffer.concat(chunks).toString('utf8');
    try {
      const { artifacts } = await verify(req, body);
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(`verified ${artifacts.id} hash=${artifacts.hash ? 'yes' : 'no'} ` +
              `ext=${artifacts.ext || ''} app=${artifacts.app || ''} dlg=${artifacts.dlg || ''}`);
    } catch (error) {
      const output = error.output || { statusCode: 401, headers: {} };
      process.stderr.write(`hawk_server: refused: ${error.message}\n`);
      res.writeHead(output.statusCode, { ...output.headers, 'Content-Type': 'text/plain' });
      res.end(String(error.message));
    }
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
process.stdin.on('data', () => {});
process.stdin.on('end', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
