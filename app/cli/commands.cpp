// The table of sftbench-cli commands. Commands that need Qt (the workspace) or
// LibTorch (the model engine) are only present in builds that have them.

#include "cli/command.h"

namespace sft::cli {

#ifdef SFT_HAVE_WORKSPACE
int runImport(const Args &);
int runExport(const Args &);
int runStats(const Args &);
int runAdd(const Args &);
#endif
#ifdef SFT_HAVE_ROUGE
int runRouge(const Args &);
int runDedup(const Args &);
int runFilter(const Args &);
#endif
#ifdef SFT_HAVE_TOKENIZER
int runTokenize(const Args &);
#endif
#ifdef SFT_HAVE_TORCH
int runInitModel(const Args &);
int runGenerate(const Args &);
int runLogprobs(const Args &);
int runLogits(const Args &);
#endif
#ifdef SFT_HAVE_FINETUNE
int runTrain(const Args &);
int runMerge(const Args &);
#endif
#ifdef SFT_HAVE_GGUF
int runExportGguf(const Args &);
#endif
#ifdef SFT_HAVE_SERVE
int runServe(const Args &);
#endif
#ifdef SFT_HAVE_SELFINSTRUCT
int runSelfInstruct(const Args &);
#endif
#ifdef SFT_HAVE_SCORING
int runScore(const Args &);
int runIcl(const Args &);
#endif
#ifdef SFT_HAVE_CONTEXT
int runPerplexity(const Args &);
int runPasskey(const Args &);
#endif

const std::vector<Command> &commands()
{
    static const std::vector<Command> table = {
#ifdef SFT_HAVE_WORKSPACE
        {"import", "import a dataset file into a workspace (one transaction)", runImport},
        {"export", "export accepted records (Alpaca JSON, JSONL, ShareGPT; train/validation split)", runExport},
        {"stats", "print a workspace's datasets and record counts", runStats},
        {"add", "add one record to a dataset (prints its id)", runAdd},
#endif
#ifdef SFT_HAVE_ROUGE
        {"rouge", "ROUGE-L F of text pairs (rouge_score compatible)", runRouge},
        {"dedup", "greedy ROUGE-L near-duplicate filter over a dataset", runDedup},
        {"filter", "apply heuristic quality rules to a dataset", runFilter},
#endif
#ifdef SFT_HAVE_TOKENIZER
        {"tokenize", "token ids of texts with a tokenizer.json", runTokenize},
#endif
#ifdef SFT_HAVE_TORCH
        {"init-model", "write a small demo model (LLaMA-style, or BLOOM with --position alibi) in the Hugging Face layout", runInitModel},
        {"generate", "generate text from a prompt", runGenerate},
        {"logprobs", "log-probabilities of continuations given prompts", runLogprobs},
        {"logits", "a forward pass's logits over token ids from a safetensors file, written as safetensors", runLogits},
#endif
#ifdef SFT_HAVE_FINETUNE
        {"train", "fine-tune a model (LoRA, adapters, prefix, full) in a run folder; resumable", runTrain},
        {"merge", "merge a LoRA run into its base weights as a standalone model folder", runMerge},
#endif
#ifdef SFT_HAVE_GGUF
        {"export-gguf", "write a model or a fine-tuning run as one GGUF file for llama.cpp (or a run's LoRA adapter)",
         runExportGguf},
#endif
#ifdef SFT_HAVE_SERVE
        {"serve", "OpenAI-compatible HTTP server on a model (completions, chat, streaming)", runServe},
#endif
#ifdef SFT_HAVE_SELFINSTRUCT
        {"self-instruct", "generate instruction data with the Self-Instruct loop in a run folder; resumable", runSelfInstruct},
#endif
#ifdef SFT_HAVE_SCORING
        {"score", "answer search: score a verbalizer's answers in a prompt template per input", runScore},
        {"icl", "in-context learning accuracy over k demos and demo orders", runIcl},
#endif
#ifdef SFT_HAVE_CONTEXT
        {"perplexity", "perplexity of a long text at several context lengths, with the loss by position", runPerplexity},
        {"passkey", "passkey retrieval accuracy by prompt length and key depth", runPasskey},
#endif
    };
    return table;
}

} // namespace sft::cli
