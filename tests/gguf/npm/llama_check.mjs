// node llama_check.mjs JOB.json: what llama.cpp (node-llama-cpp's prebuilt CPU
// binary) and @huggingface/gguf make of GGUF files, as one JSON object on stdout.
//
// JOB.json: {"timeout_ms": 240000, "files": [{
//     "path": "model.gguf",
//     "lora": "adapter.gguf",          (optional: a LoRA adapter GGUF applied on the context, "lora_scale" 1)
//     "parse_only": false,             (true: @huggingface/gguf only, e.g. for an adapter file)
//     "array_values": ["tokenizer.ggml.token_type"],   (arrays whose values are reported, not only their length)
//     "texts": ["..."],                (tokenized without BOS, special-token text parsed as HF does)
//     "prompts": [{"text": "...", "max_tokens": 16}],   (or "tokens": [ids] instead of "text")
//     "top": 5,                        (how many first-step probabilities to report)
//     "context_size": 256}]}
//
// Output: {"llama_cpp": release, "files": [{
//     "path", "gguf": {"version", "tensor_data_offset", "metadata": {key: {"type", "value"} or
//               {"type": "ARRAY", "sub_type", "length"[, "value"]}}, "tensors": [{"name", "dims", "type", "type_id", "offset"}]},
//     "gguf_error",                    (the parser's message, when it failed)
//     "vocab": {"bos", "eos", "eot", "add_bos", "tokens"},
//     "texts": [{"ids", "ids_plain"}],  (ids: special tokens parsed; ids_plain: their text tokenized as text)
//     "prompts": [{"prompt_tokens", "tokens", "text", "prefix_texts", "finish": "eos"|"length", "eog_token", "top": [[id, p]]}],
//     "error": {"stage": "load"|"context"|"generate"|"timeout", "message", "log": [...]}}]}
// Greedy generation: temperature 0, no repeat penalty, F32 KV cache, 1 thread, no flash
// attention; a prompt given as text gets BOS when the model adds one (tokenizer.ggml.add_bos_token,
// as llama.cpp's own tools do). Load errors (llama.cpp reports some only through its logger, after
// the call failed) come back in "error", never as a hang: a watchdog prints what is done and exits 2.
import fs from "node:fs";
import {getLlama, LlamaLogLevel} from "node-llama-cpp";
import {gguf, GGUFValueType, GGMLQuantizationType} from "@huggingface/gguf";

const job = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const out = {llama_cpp: null, files: []};
let logLines = [];

function finish(code) {
    process.stdout.write(JSON.stringify(out) + "\n", () => process.exit(code));
}

// Nothing may hang the test: after timeout_ms print what is done (the running file marked) and stop.
setTimeout(() => {
    const cur = out.files[out.files.length - 1];
    if (cur && !cur.done)
        cur.error = {stage: "timeout", message: `no answer within ${job.timeout_ms ?? 240000} ms`, log: logLines};
    finish(2);
}, job.timeout_ms ?? 240000);   // not unref()ed: node-llama-cpp may hold no handle while llama.cpp works

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const plain = (v) => (typeof v === "bigint" ? (Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()) : v);

async function parseGguf(path, arrayValues) {
    const {metadata, tensorInfos, tensorDataOffset, typedMetadata} =
        await gguf(path, {allowLocalFile: true, typedMetadata: true});
    const md = {};
    for (const [k, tv] of Object.entries(typedMetadata)) {
        if (k === "version" || k === "tensor_count" || k === "kv_count")
            continue;   // header fields, reported separately
        if (tv.type === GGUFValueType.ARRAY) {
            const e = {type: "ARRAY", sub_type: GGUFValueType[tv.subType], length: tv.value.length};
            if (arrayValues.includes(k))
                e.value = tv.value.map(plain);
            md[k] = e;
        } else {
            md[k] = {type: GGUFValueType[tv.type], value: plain(tv.value)};
        }
    }
    return {
        version: plain(metadata.version),
        tensor_count: plain(metadata.tensor_count),
        kv_count: plain(metadata.kv_count),
        tensor_data_offset: plain(tensorDataOffset),
        metadata: md,
        tensors: tensorInfos.map((t) => ({name: t.name, dims: t.shape.map(plain), type: GGMLQuantizationType[t.dtype],
                                         type_id: t.dtype, offset: plain(t.offset)})),
    };
}

async function generate(model, context, prompt, topN) {
    const promptTokens = prompt.tokens ??
        [...(model.tokens.shouldPrependBosToken && model.tokens.bos != null ? [model.tokens.bos] : []),
         ...model.tokenize(prompt.text, true)];
    const maxTokens = prompt.max_tokens ?? 16;
    const seq = context.getSequence();
    const r = {prompt_tokens: promptTokens, tokens: [], finish: "length", top: []};
    try {
        // First step's distribution without any sampler (the raw softmax of the logits).
        if (topN > 0) {
            const last = promptTokens.length - 1;
            const res = await seq.controlledEvaluate(promptTokens.map((t, i) => i === last
                ? [t, {generateNext: {probabilities: true}}] : t));
            const probs = res[last]?.next?.probabilities;
            if (probs)
                r.top = [...probs.entries()].slice(0, topN);
            await seq.clearHistory();
        }
        const it = seq.evaluate(promptTokens, {temperature: 0, repeatPenalty: false, yieldEogToken: true});
        for await (const token of it) {
            if (model.isEogToken(token)) {
                r.finish = "eos";
                r.eog_token = token;
                break;
            }
            r.tokens.push(token);
            if (r.tokens.length >= maxTokens)
                break;
        }
    } finally {
        seq.dispose();
    }
    r.text = model.detokenize(r.tokens);
    r.prefix_texts = r.tokens.map((_, i) => model.detokenize(r.tokens.slice(0, i + 1)));
    return r;
}

async function checkFile(entry, llama, res) {
    try {
        res.gguf = await parseGguf(entry.path, entry.array_values ?? []);
    } catch (e) {
        res.gguf_error = String(e?.message ?? e);
    }
    if (entry.parse_only)
        return;

    let stage = "load";
    let model = null;
    let context = null;
    try {
        model = await llama.loadModel({modelPath: entry.path, gpuLayers: 0, useMmap: false, checkTensors: true});
        res.vocab = {bos: model.tokens.bos, eos: model.tokens.eos, eot: model.tokens.eot ?? null,
                     add_bos: model.tokens.shouldPrependBosToken};
        res.texts = (entry.texts ?? []).map((t) => ({ids: model.tokenize(t, true), ids_plain: model.tokenize(t, false)}));
        if ((entry.prompts ?? []).length === 0)
            return;
        stage = "context";
        context = await model.createContext({
            contextSize: entry.context_size ?? 256, batchSize: entry.context_size ?? 256, threads: 1,
            flashAttention: false, experimentalKvCacheKeyType: "F32", experimentalKvCacheValueType: "F32",
            ...(entry.lora ? {lora: {adapters: [{filePath: entry.lora, scale: entry.lora_scale ?? 1}]}} : {}),
        });
        stage = "generate";
        res.prompts = [];
        for (const p of entry.prompts)
            res.prompts.push(await generate(model, context, p, entry.top ?? 5));
    } catch (e) {
        await sleep(300);   // llama.cpp's own reason arrives through the logger, after the rejection
        res.error = {stage, message: String(e?.message ?? e), log: logLines};
    } finally {
        if (context)
            await context.dispose();
        if (model)
            await model.dispose();
    }
}

let llama;
try {
    llama = await getLlama({
        gpu: false, build: "never", usePrebuiltBinaries: true, skipDownload: true, progressLogs: false,
        logLevel: LlamaLogLevel.warn,
        logger: (level, msg) => {
            if (level === "error" || level === "warn" || level === "fatal")
                logLines.push(`[${level}] ${String(msg).trim()}`);
        },
    });
    out.llama_cpp = llama.llamaCppRelease;
} catch (e) {
    out.error = {stage: "backend", message: String(e?.message ?? e), log: logLines};
    finish(1);
}

if (llama) {
    for (const entry of job.files) {
        logLines = [];
        const res = {path: entry.path};
        out.files.push(res);
        await checkFile(entry, llama, res);
        if (logLines.length && !res.error)
            res.log = logLines;
        res.done = true;
    }
    // No llama.dispose(): after a failed load it never settles; exiting frees everything.
    finish(0);
}
