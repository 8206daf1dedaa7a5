// Generates WordPiece reference ids with transformers.js (an independent implementation of the Hugging Face
// tokenizer), loading bert-base-uncased OFFLINE from ../shared/models/bert-base-uncased/.
// Usage (from the repo root): node scripts/reference/embeddings/wordpiece-vectors.mjs
// Output: tests/ChatBot.Embeddings.Onnx.Tests/TestData/wordpiece-vectors.json
import { AutoTokenizer, env } from '@huggingface/transformers';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
env.allowRemoteModels = false;
env.localModelPath = join(repoRoot, '..', 'shared', 'models');

const tokenizer = await AutoTokenizer.from_pretrained('bert-base-uncased');

const longWord = 'a'.repeat(100);
const tooLongWord = 'b'.repeat(101);
const longSentence = Array.from({ length: 120 }, (_, i) => `word${i} is number ${i},`).join(' ');

export const texts = [
  '',
  '   ',
  'Hello, world!',
  'hello world',
  'HELLO WORLD',
  "Japan's Abe urges Putin to ensure shaky Ukraine cease-fire holds.",
  'Mutual visits of Russian, Japanese leaders suspended over Tokyo’s sanctions',
  "Putin meets with Japan's Abe, pledges 'close contacts' on North Korea",
  'What did Lavrov say about the sanctions?',
  'The quick brown fox jumps over the lazy dog.',
  'unaffable unbelievably antidisestablishmentarianism',
  'e-mail: someone@example.com, https://www.example.org/path?query=1&x=2#frag',
  '$100.50 + 20% = ? (approx.) [see note] {braces} <angle> ~tilde~ `code` ^caret^ |pipe| \\backslash/',
  '...!!!???;;;:::',
  'a.b.c d-e-f g_h_i',
  '1234567890 3.14159 1,000,000 -42 +7 1e10 0x1F',
  'Café déjà vu naïve façade résumé coöperate',
  'Ångström Øresund Straße Æsir œuvre',
  'Crème brûlée à la française',
  'İstanbul DİYARBAKIR ıi',
  'ΟΔΟΣ ΣΟΦΟΣ Σ σ ς',
  'Москва Кремль ПУТИН встретился с Абэ',
  'Владивосток, Восточный экономический форум',
  '北京 APEC 会议',
  '日本の安倍首相とプーチン大統領が会談した。',
  '안녕하세요 세계',
  '東京とモスクワ',
  '長門市で首脳会談',
  'مرحبا بالعالم',
  'שלום עולם',
  'नमस्ते दुनिया',
  'สวัสดีชาวโลก',
  'Emoji 😀 test 👍🏽 and 🇯🇵 flags 👨‍👩‍👧',
  '❤️ ★ ☆ ♥ ♦ → ← ↑ ↓ ∞ ≠ ≤ ≥',
  '€5 £10 ¥1000 ₽500 ₹20 ¢ §3 ¶ © ® ™',
  '“Smart quotes” ‘single’ «guillemets» „German“ — em dash – en dash … ellipsis',
  'tabs\tand\nnewlines\r\nand\u00a0nbsp\u2003emspace\u3000ideographic',
  'zero\u200bwidth\u200cjoiner\u200dand\ufeffbom\u00adsoft',
  'control\u0000chars\u0007here\u001b[0m\u007f\u0085',
  'replacement \ufffd char',
  'private \ue000 use',
  'combining e\u0301 a\u0300 o\u0308 n\u0303',
  'fullwidth ＡＢＣ １２３ ！？',
  'ligatures ﬁ ﬂ and superscripts x² ½ ①',
  longWord,
  tooLongWord,
  `short ${tooLongWord} short`,
  'Ab'.repeat(60),
  'supercalifragilisticexpialidocious pneumonoultramicroscopicsilicovolcanoconiosis',
  'COVID-19 SARS-CoV-2 mRNA-1273',
  "don't can't won't it's y'all",
  'U.S.A. U.K. e.g. i.e. etc.',
  'hello [MASK] world [SEP] again [CLS]',
  'lowercase [mask] is not special',
  'Nagato Kuril islands peace treaty Aleppo G20 Antalya',
  'mixedCASE camelCase snake_case kebab-case PascalCase',
  'x'.repeat(5) + ' ' + 'ы'.repeat(30),
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝐛𝐨𝐥𝐝 math letters',
  longSentence,
];

const cases = texts.map((text) => ({
  text,
  ids: Array.from(tokenizer.encode(text)),
}));

// Truncation is tested against these full sequences, not against transformers.js's own truncation: it cuts the
// final [SEP] off (e.g. max_length 8 gives [CLS] + 7 ids), whereas the Rust tokenizers / sentence-transformers keep
// [CLS] … [SEP]. The C# tokenizer follows the latter.
// transformers.js looks for CJK ideographs one UTF-16 unit at a time, so it misses those outside the BMP
// (CJK extension B and later) and keeps "𠀀𠀁" as one word → one [UNK]. The Rust tokenizers split each ideograph
// into its own word → [UNK] [UNK]; the C# tokenizer does the same. Recorded separately so the test can say so.
const supplementaryIdeographs = ['𠀀𠀁 extension-B ideographs', '中𠀀文'].map((text) => ({
  text,
  ids: Array.from(tokenizer.encode(text)),
}));

const output = {
  generator: 'scripts/reference/embeddings/wordpiece-vectors.mjs',
  reference: '@huggingface/transformers AutoTokenizer (bert-base-uncased, offline)',
  cases,
  supplementaryIdeographs,
};
const target = join(repoRoot, 'tests', 'ChatBot.Embeddings.Onnx.Tests', 'TestData', 'wordpiece-vectors.json');
writeFileSync(target, JSON.stringify(output, null, 1) + '\n');
console.log(`wrote ${cases.length} cases to ${target}`);
