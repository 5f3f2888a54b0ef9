// The `chunk` container of docs/bridge-protocol.md §3, with the rules of runtime/bridge/
// chunking.cpp: a message's JSON text is cut on code point boundaries into parts so that each
// {"type":"chunk","id","seq","last","data"} fits one frame; the receiver takes one message at a
// time, seq 0, 1, 2, … with increasing ids, and refuses duplicates, gaps, interleaving and
// totals over its cap. Bridge → extension frames are at most 1 MiB (Chromium drops the port on
// more), so large answers always arrive here as chunks.

import { utf8Length } from './codec.js';

/** Largest frame the bridge sends, and the budget this extension uses for its own frames. */
export const MAX_FRAME = 1024 * 1024;
/** Cap on a reassembled message (the bridge's default inbound cap). */
export const MAX_MESSAGE = 64 * 1024 * 1024;

/** The chunk error names, as the C++ ChunkError. */
export const ChunkError = Object.freeze({
  malformed: 'malformed',
  duplicate: 'duplicate',
  gap: 'gap',
  interleaved: 'interleaved',
  tooLarge: 'too_large',
});

function chunkMessage(id, seq, last, data) {
  return { type: 'chunk', id, seq, last, data };
}

// Bytes one code point may take once its chunk is serialised. Chromium (not this code) turns
// the posted object into JSON, and its writer escapes more than JSON.stringify does ('<' and
// U+2028/U+2029 become \uXXXX), so those are counted at the escaped size: the budget must hold
// for whichever writer produces the frame.
function escapedSize(codePoint) {
  switch (codePoint) {
    case 0x22: case 0x5c: case 0x08: case 0x0c: case 0x0a: case 0x0d: case 0x09:
      return 2;
    case 0x3c: case 0x3e: case 0x26: case 0x7f: case 0x2028: case 0x2029:
      return 6;
    default:
      if (codePoint < 0x20) return 6;
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) return 6; // lone surrogate: \uDXXX
      if (codePoint < 0x80) return 1;
      if (codePoint < 0x800) return 2;
      if (codePoint < 0x10000) return 3;
      return 4;
  }
}

// The smallest room for data: the longest escape of one code point.
const MIN_PART_BUDGET = 6;

/**
 * Splits one message's JSON text into chunk messages (objects) whose serialised form is at most
 * `maxFrame` bytes each. Always returns at least one chunk (an empty text gives one empty part).
 */
export function splitMessage(jsonText, maxFrame = MAX_FRAME, id = 0) {
  const chunks = [];
  let at = 0;
  for (let seq = 0; seq === 0 || at < jsonText.length; seq++) {
    // "last":false is the longer spelling, so the budget holds for the final chunk too.
    const overhead = utf8Length(JSON.stringify(chunkMessage(id, seq, false, '')));
    if (maxFrame < overhead + MIN_PART_BUDGET)
      throw new Error(`a frame limit of ${maxFrame} bytes leaves no room for chunk data`);
    const budget = maxFrame - overhead;
    let used = 0;
    const start = at;
    while (at < jsonText.length) {
      const codePoint = jsonText.codePointAt(at);
      const cost = escapedSize(codePoint);
      if (used + cost > budget) break;
      used += cost;
      at += codePoint > 0xffff ? 2 : 1;
    }
    chunks.push(chunkMessage(id, seq, at >= jsonText.length, jsonText.slice(start, at)));
  }
  return chunks;
}

const isCount = (value) => Number.isSafeInteger(value) && value >= 0;

/**
 * Rebuilds messages from chunks received in order, one message at a time. Any error drops the
 * message being assembled; the next one starts afresh with seq 0.
 */
export class ChunkAssembler {
  constructor(maxTotal = MAX_MESSAGE) {
    this.maxTotal = maxTotal;
    this.currentId = null;
    this.lastCompletedId = null;
    this.nextSeq = 0;
    this.parts = [];
    this.bytes = 0;
  }

  /** True while a message has started and its last chunk has not arrived. */
  get inProgress() {
    return this.currentId !== null;
  }

  /**
   * Adds one chunk (a parsed object). Returns {error, detail} when refused, {message} (the whole
   * JSON text) after the last chunk, and {} while more are expected.
   */
  add(chunk) {
    const fields = chunk !== null && typeof chunk === 'object' ? chunk : {};
    const { id, seq, last, data } = fields;
    if (!isCount(id) || !isCount(seq) || typeof last !== 'boolean' || typeof data !== 'string')
      return this.refuse(ChunkError.malformed,
        'a chunk needs id and seq (unsigned integers), last (boolean), data (string)');
    const label = `chunk ${seq} of message ${id}`;
    if (this.currentId !== null && this.currentId !== id)
      return this.refuse(ChunkError.interleaved,
        `${label} arrived while message ${this.currentId} is incomplete`);
    if (this.currentId === null && this.lastCompletedId !== null && id <= this.lastCompletedId)
      return this.refuse(ChunkError.duplicate, `${label}: message ids must increase`);
    if (seq < this.nextSeq) return this.refuse(ChunkError.duplicate, `${label} is a duplicate`);
    if (seq > this.nextSeq)
      return this.refuse(ChunkError.gap, `${label} arrived, expected chunk ${this.nextSeq}`);
    const size = utf8Length(data);
    if (this.bytes + size > this.maxTotal)
      return this.refuse(ChunkError.tooLarge,
        `message ${id} is over the limit of ${this.maxTotal} bytes`);
    this.currentId = id;
    this.nextSeq++;
    this.parts.push(data);
    this.bytes += size;
    if (!last) return {};
    const message = this.parts.join('');
    this.lastCompletedId = id;
    this.reset();
    return { message };
  }

  refuse(error, detail) {
    this.reset();
    return { error, detail };
  }

  reset() {
    this.currentId = null;
    this.nextSeq = 0;
    this.parts = [];
    this.bytes = 0;
  }
}
