// Reference embeddings for the end-to-end BERT path: runs the seeded tiny BERT ONNX file with onnxruntime-node
// and the transformers.js tokenizer (bert-base-uncased, offline), one text at a time (so no padding is involved),
// then mean pooling over the attention mask and L2 normalisation, as sentence-transformers does.
// The model file is written by the C# tests (TinyBertModel) to .cache/tiny-bert/model.onnx; its sha256 is
// recorded so the test can prove it regenerated exactly the same model.
// Usage (from the repo root, after one test run): node scripts/reference/embeddings/tiny-bert-vectors.mjs
// Output: tests/ChatBot.Embeddings.Onnx.Tests/TestData/tiny-bert-vectors.json
import { AutoTokenizer, env } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
env.allowRemoteModels = false;
env.localModelPath = join(repoRoot, '..', 'shared', 'models');
const tokenizer = await AutoTokenizer.from_pretrained('bert-base-uncased');

const modelPath = join(repoRoot, '.cache', 'tiny-bert', 'model.onnx');
const modelBytes = readFileSync(modelPath);
const modelSha256 = createHash('sha256').update(modelBytes).digest('hex');
const session = await ort.InferenceSession.create(modelBytes);

const texts = [
  'Japan\'s Abe urges Putin to ensure shaky Ukraine cease-fire holds',
  'Mutual visits of Russian and Japanese leaders suspended over Tokyo\'s sanctions',
  'Putin meets with Japan\'s Abe, pledges close contacts on North Korea',
  'Putin, Abe praise closer ties between Russia and Japan at the G20 in Antalya',
  'What did Lavrov say about the sanctions?',
  'When did Putin visit Nagato?',
  'Kuril islands peace treaty negotiations',
  'Eastern Economic Forum in Vladivostok',
  'hello',
  'a',
  '',
  'The quick brown fox jumps over the lazy dog.',
  'Café déjà vu, naïve façade!',
  '北京 APEC 会议',
  'Emoji 😀 and symbols €5 ★',
  'COVID-19 SARS-CoV-2 1,000,000 3.14159',
  'unaffable antidisestablishmentarianism supercalifragilisticexpialidocious',
  Array.from({ length: 40 }, (_, i) => `token${i}`).join(' '),
  'Repeated repeated repeated repeated words words words',
  'query: what happened at the APEC summit in Beijing in November 2014?',
];

function meanPoolNormalize(hidden, dims, mask) {
  const [, tokens, size] = dims;
  const sum = new Float64Array(size);
  let kept = 0;
  for (let t = 0; t < tokens; t++) {
    if (mask[t] === 0n) continue;
    kept++;
    for (let d = 0; d < size; d++) sum[d] += hidden[t * size + d];
  }
  const mean = Array.from(sum, (v) => v / Math.max(kept, 1));
  const norm = Math.sqrt(mean.reduce((acc, v) => acc + v * v, 0));
  return mean.map((v) => v / Math.max(norm, 1e-12));
}

const cases = [];
for (const text of texts) {
  const ids = Array.from(tokenizer.encode(text));
  const shape = [1, ids.length];
  const feeds = {
    input_ids: new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), shape),
    attention_mask: new ort.Tensor('int64', new BigInt64Array(ids.length).fill(1n), shape),
    token_type_ids: new ort.Tensor('int64', new BigInt64Array(ids.length), shape),
  };
  const { last_hidden_state: output } = await session.run(feeds);
  cases.push({ text, ids, vector: meanPoolNormalize(output.data, output.dims, feeds.attention_mask.data) });
}

const target = join(repoRoot, 'tests', 'ChatBot.Embeddings.Onnx.Tests', 'TestData', 'tiny-bert-vectors.json');
writeFileSync(target, JSON.stringify({
  generator: 'scripts/reference/embeddings/tiny-bert-vectors.mjs',
  runtime: `onnxruntime-node ${ort.env.versions?.node ?? ''}`.trim(),
  modelSha256,
  pooling: 'mean',
  normalize: true,
  cases,
}, null, 1) + '\n');
console.log(`wrote ${cases.length} vectors for model ${modelSha256} to ${target}`);
