// The Node side of `bench`: runs an ONNX model with onnxruntime-node over pre-tokenized, padded batches written by
// the C# bench (so both sides run exactly the same inputs) and prints {"per_second": sentences per second}.
// Usage: node scripts/bench/ort-throughput.mjs <batches.json>
import * as ort from 'onnxruntime-node';
import { readFileSync } from 'node:fs';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const session = await ort.InferenceSession.create(spec.model);

function feeds(batch) {
  const shape = [batch.rows, batch.columns];
  const inputs = { [spec.ids_name]: new ort.Tensor('int64', BigInt64Array.from(batch.ids.map(BigInt)), shape) };
  if (spec.mask_name) {
    inputs[spec.mask_name] = new ort.Tensor('int64', BigInt64Array.from(batch.mask.map(BigInt)), shape);
  }
  if (spec.token_types_name) {
    // Single-sentence input, as the C# side feeds it: every token in segment 0.
    inputs[spec.token_types_name] = new ort.Tensor('int64', new BigInt64Array(batch.ids.length), shape);
  }
  return inputs;
}

// Tensors are built before timing, as the C# side builds its arrays before timing.
const prepared = spec.batches.map(feeds);
await session.run(prepared[0], [spec.output]);

const started = process.hrtime.bigint();
let sentences = 0;
for (let i = 0; i < prepared.length; i++) {
  await session.run(prepared[i], [spec.output]);
  sentences += spec.batches[i].rows;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(JSON.stringify({ per_second: sentences / seconds, sentences, seconds }) + '\n');
