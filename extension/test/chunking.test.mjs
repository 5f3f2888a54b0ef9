import assert from 'node:assert/strict';
import { test } from 'node:test';

import { utf8Length } from '../lib/codec.js';
import { ChunkAssembler, ChunkError, MAX_FRAME, splitMessage } from '../lib/chunking.js';

const chunk = (id, seq, last, data) => ({ type: 'chunk', id, seq, last, data });
const frameSize = (message) => utf8Length(JSON.stringify(message));

function assemble(chunks, assembler = new ChunkAssembler()) {
  let message;
  for (const c of chunks) {
    const outcome = assembler.add(JSON.parse(JSON.stringify(c)));
    assert.equal(outcome.error, undefined, outcome.detail);
    if (outcome.message !== undefined) message = outcome.message;
  }
  return message;
}

test('chunks printed by the C++ split_message(text, 80, 5) reassemble here', () => {
  // From a throwaway program linking build/runtime/bridge/libpostern_bridge_core.a.
  const fromCpp = [
    '{"data":"{\\"type\\":\\"status\\",\\"tex","id":5,"last":false,"seq":0,"type":"chunk"}',
    '{"data":"t\\":\\"café \\\\\\"q\\\\\\" 😀","id":5,"last":false,"seq":1,"type":"chunk"}',
    '{"data":" \\\\\\\\ tab\\\\t end\\"}","id":5,"last":true,"seq":2,"type":"chunk"}',
  ].map((text) => JSON.parse(text));
  const text = '{"type":"status","text":"café \\"q\\" 😀 \\\\ tab\\t end"}';
  assert.equal(assemble(fromCpp), text);
  // ...and splitting the same text with the same limit cuts at the same places.
  assert.deepEqual(splitMessage(text, 80, 5).map((c) => c.data), fromCpp.map((c) => c.data));
});

test('a 5 MiB message splits into frames of at most 1 MiB and back', () => {
  const pattern = 'text "quoted" \\ back\tslash\n\u0001 café 😀 <tag> \u2028 ';
  const body = pattern.repeat(Math.ceil((5 * 1024 * 1024) / pattern.length));
  const text = JSON.stringify({ type: 'capture.response', body });
  const chunks = splitMessage(text, MAX_FRAME, 7);
  assert.ok(chunks.length >= 6, `${chunks.length} chunks`);
  chunks.forEach((c, i) => {
    assert.ok(frameSize(c) <= MAX_FRAME);
    assert.deepEqual([c.type, c.id, c.seq, c.last], ['chunk', 7, i, i === chunks.length - 1]);
  });
  assert.equal(assemble(chunks), text);
});

test('parts are cut on code point boundaries even with a tiny frame limit', () => {
  const text = '["😀😀é\\\\\u001f<"]';
  for (let max = 75; max < 90; max++) {
    const chunks = splitMessage(text, max, 1);
    for (const c of chunks) {
      assert.ok(frameSize(c) <= max, `limit ${max}`);
      assert.ok(!/[\ud800-\udbff]$/.test(c.data), 'no chunk ends inside a surrogate pair');
    }
    assert.equal(assemble(chunks), text);
  }
});

test('a small message is one chunk; an empty one too; no room is an error', () => {
  assert.deepEqual(splitMessage('{}', 1024, 3), [chunk(3, 0, true, '{}')]);
  assert.deepEqual(splitMessage('', 1024, 4), [chunk(4, 0, true, '')]);
  assert.throws(() => splitMessage('{}', 40, 1), /no room/);
});

test('refused: malformed, duplicate, gap, interleaved, reused id, too large', () => {
  const refusals = [
    [[{ type: 'chunk', id: 1, seq: 0, last: true }], ChunkError.malformed],
    [[chunk(-1, 0, true, 'x')], ChunkError.malformed],
    [[chunk(1.5, 0, true, 'x')], ChunkError.malformed],
    [[chunk(1, '0', true, 'x')], ChunkError.malformed],
    [[chunk(1, 0, 'yes', 'x')], ChunkError.malformed],
    [[chunk(1, 0, false, 'a'), chunk(1, 0, false, 'a')], ChunkError.duplicate],
    [[chunk(1, 0, false, 'a'), chunk(1, 2, true, 'c')], ChunkError.gap],
    [[chunk(1, 1, true, 'b')], ChunkError.gap],
    [[chunk(1, 0, false, 'a'), chunk(2, 0, true, 'b')], ChunkError.interleaved],
    [[chunk(4, 0, true, 'a'), chunk(4, 0, true, 'a')], ChunkError.duplicate],
    [[chunk(4, 0, true, 'a'), chunk(3, 0, true, 'a')], ChunkError.duplicate],
  ];
  for (const [chunks, expected] of refusals) {
    const assembler = new ChunkAssembler();
    const outcomes = chunks.map((c) => assembler.add(c));
    assert.equal(outcomes.at(-1).error, expected, JSON.stringify(chunks));
    assert.ok(outcomes.at(-1).detail);
    assert.equal(assembler.inProgress, false, 'the partial message is dropped');
  }
  const small = new ChunkAssembler(10);
  assert.equal(small.add(chunk(1, 0, false, 'é'.repeat(4))).error, undefined); // 8 bytes
  assert.equal(small.add(chunk(1, 1, true, 'éé')).error, ChunkError.tooLarge); // 12 bytes
  assert.equal(small.add(chunk(2, 0, true, 'é'.repeat(5))).message, 'ééééé'); // 10: at the cap
});

test('after an error the next message starts afresh; ids keep increasing', () => {
  const assembler = new ChunkAssembler();
  assert.equal(assembler.add(chunk(1, 0, true, 'one')).message, 'one');
  assert.equal(assembler.add(chunk(2, 0, false, 'tw')).message, undefined);
  assert.equal(assembler.inProgress, true);
  assert.equal(assembler.add(chunk(2, 5, true, 'x')).error, ChunkError.gap);
  assert.equal(assembler.add(chunk(3, 0, false, 'thr')).error, undefined);
  assert.equal(assembler.add(chunk(3, 1, true, 'ee')).message, 'three');
  assert.equal(assembler.add(chunk(3, 0, true, 'again')).error, ChunkError.duplicate);
});
