// The peer of .ci/bench: wink-nlp 2.4 with its English lite
// model, doing on the same article bodies the work framing does with
// --ner off and no more — sentence boundaries and part-of-speech tags
// (wink's pipe list ['sbd', 'pos']; tokens come with them) — and a lexicon
// lookup of every token against framing's default lexicons (exported with
// `framing lexicon export --to dic`: words, and prefixes for the
// wildcards). With --ner it runs wink's whole default pipeline (sentence
// boundaries, negation, sentiment, POS, entities, custom entities): the
// peer of framing with entity recognition on. One thread, as Node runs.
// Prints: articles tokens sentences hits seconds.
//
//   node .ci/peer-wink.js CORPUS_DIR LEXICON.dic [--ner]
'use strict';
const fs = require('fs');
const path = require('path');
const winkNLP = require('wink-nlp');
const model = require('wink-eng-lite-web-model');

const [corpusDir, dicFile, mode] = process.argv.slice(2);
const start = process.hrtime.bigint();
// Without a pipe list wink runs every annotator, entities included: more
// work than framing does with --ner off.
const nlp = mode === '--ner' ? winkNLP(model) : winkNLP(model, ['sbd', 'pos']);
const its = nlp.its;

// The lexicon: exact words and phrases' first words, and prefixes bucketed
// by their first three letters so a lookup costs a map probe, not a scan.
const exact = new Set();
const prefixes = new Map();
const dic = fs.readFileSync(dicFile, 'utf8').split('\n');
let inLegend = 0;
for (const line of dic) {
  if (line.trim() === '%') { inLegend++; continue; }
  if (inLegend < 2 || !line.trim()) continue;
  const term = line.split('\t')[0].toLowerCase().split(' ')[0];
  if (term.endsWith('*')) {
    const p = term.slice(0, -1);
    const k = p.slice(0, 3);
    if (!prefixes.has(k)) prefixes.set(k, []);
    prefixes.get(k).push(p);
  } else if (!term.startsWith('*')) {
    exact.add(term);
  }
}

function bodies(dir) {
  const out = [];
  for (const ev of fs.readdirSync(dir).sort()) {
    const d = path.join(dir, ev);
    if (!fs.statSync(d).isDirectory()) continue;
    for (const f of fs.readdirSync(d).sort()) {
      if (!f.endsWith('.md')) continue;
      const text = fs.readFileSync(path.join(d, f), 'utf8');
      const m = text.match(/^---\n[\s\S]*?\n---\n/);
      out.push(m ? text.slice(m[0].length) : text);
    }
  }
  return out;
}

let tokens = 0, sentences = 0, hits = 0;
const texts = bodies(corpusDir);
for (const body of texts) {
  const doc = nlp.readDoc(body);
  sentences += doc.sentences().length();
  const normals = doc.tokens().out(its.normal);
  const pos = doc.tokens().out(its.pos);
  tokens += normals.length;
  for (let i = 0; i < normals.length; i++) {
    const w = normals[i];
    if (pos[i] === 'PUNCT') continue;
    if (exact.has(w)) { hits++; continue; }
    const ps = prefixes.get(w.slice(0, 3));
    if (ps && ps.some((p) => w.startsWith(p))) hits++;
  }
}
const secs = Number(process.hrtime.bigint() - start) / 1e9;
console.log(texts.length, tokens, sentences, hits, secs.toFixed(3));
