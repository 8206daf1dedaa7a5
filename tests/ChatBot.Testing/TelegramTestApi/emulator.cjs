// Runs telegram-test-api (npm, an emulator written by others that implements part of the Bot API, ignores
// getUpdates' offset and timeout) for the tests (TelegramTestApiEmulator). Usage: node emulator.cjs <install dir> <port> <bot token>
// stdout, one JSON object a line: {"ready": apiUrl}, then {"bot": {chat_id, text, parse_mode}} for every bot message.
// stdin, one JSON object a line: {"say": "text"} sends a user's message to the bot. End of stdin stops the server.
'use strict';
const path = require('path');
const readline = require('readline');

const [installDir, port, token] = process.argv.slice(2);
const TelegramServer = require(path.join(installDir, 'node_modules', 'telegram-test-api'));

async function main() {
  const server = new TelegramServer({ port: Number(port), host: '127.0.0.1', storeTimeout: 600 });
  await server.start();
  const client = server.getClient(token, { timeout: 5000 });
  let printed = 0;
  server.on('AddedBotMessage', () => {
    const sent = server.storage.botMessages;
    for (; printed < sent.length; printed++) {
      const m = sent[printed].message;
      process.stdout.write(JSON.stringify({ bot: { chat_id: Number(m.chat_id), text: m.text, parse_mode: m.parse_mode ?? null } }) + '\n');
    }
  });
  process.stdout.write(JSON.stringify({ ready: server.config.apiURL }) + '\n');

  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const command = JSON.parse(line);
    if (typeof command.say === 'string') {
      await client.sendMessage(client.makeMessage(command.say));
    }
  }

  await server.stop();
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`emulator failed: ${error.stack || error}\n`);
  process.exit(1);
});
