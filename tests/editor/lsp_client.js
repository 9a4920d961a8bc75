// A minimal Language Server Protocol client for tests/test_editor.py: start yaml-language-server,
// open one YAML file, and print one JSON object with the hover at a position, the completion
// labels at another, and the diagnostics the server publishes.
// usage: node lsp_client.js SERVER_JS FILE HOVER_LINE HOVER_COL COMPLETE_LINE COMPLETE_COL
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const [server, file, hoverLine, hoverCol, completeLine, completeCol] = process.argv.slice(2);
const uri = 'file://' + path.resolve(file);
const text = fs.readFileSync(file, 'utf8');
const child = spawn(process.execPath, [server, '--stdio']);
let buffer = Buffer.alloc(0);
let nextId = 0;
let diagnostics = null;
const waiting = {};

function send(message) {
  const body = JSON.stringify({ jsonrpc: '2.0', ...message });
  child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

function request(method, params) {
  return new Promise((resolve) => {
    nextId += 1;
    waiting[nextId] = resolve;
    send({ id: nextId, method, params });
  });
}

function handle(message) {
  if (message.id !== undefined && waiting[message.id]) {
    waiting[message.id](message.result);
    delete waiting[message.id];
  } else if (message.method === 'textDocument/publishDiagnostics') {
    diagnostics = message.params.diagnostics.map((d) => [d.range.start.line + 1, d.message]);
  } else if (message.id !== undefined && message.method) {
    const settings = { validate: true, hover: true, completion: true };
    send({ id: message.id, result: message.method === 'workspace/configuration' ? [settings] : null });
  }
}

child.stdout.on('data', (data) => {
  buffer = Buffer.concat([buffer, data]);
  for (;;) {
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const length = Number(/Content-Length: (\d+)/.exec(buffer.slice(0, end).toString())[1]);
    if (buffer.length < end + 4 + length) return;
    handle(JSON.parse(buffer.slice(end + 4, end + 4 + length).toString()));
    buffer = buffer.slice(end + 4 + length);
  }
});

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

(async () => {
  const root = 'file://' + path.dirname(path.resolve(file));
  const capabilities = { textDocument: { hover: { contentFormat: ['markdown'] }, completion: {} } };
  await request('initialize', { processId: process.pid, rootUri: root, capabilities });
  send({ method: 'initialized', params: {} });
  const yaml = { validate: true, hover: true, completion: true, schemaStore: { enable: false } };
  send({ method: 'workspace/didChangeConfiguration', params: { settings: { yaml } } });
  send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'yaml', version: 1, text } } });
  const at = (line, col) => ({ textDocument: { uri }, position: { line: line - 1, character: col - 1 } });
  const hover = await request('textDocument/hover', at(Number(hoverLine), Number(hoverCol)));
  const completion = await request('textDocument/completion', at(Number(completeLine), Number(completeCol)));
  for (let i = 0; i < 100 && diagnostics === null; i += 1) await sleep(50);
  const labels = (completion.items || completion).map((item) => item.label);
  process.stdout.write(JSON.stringify({ hover: hover && hover.contents.value, completion: labels, diagnostics }) + '\n');
  child.kill();
  process.exit(0);
})();
