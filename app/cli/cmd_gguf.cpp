// sftbench-cli export-gguf: a Hugging Face model folder, or a fine-tuning run
// merged into its base model, as one GGUF file for llama.cpp (and so Ollama
// and LM Studio); a LoRA run also as a GGUF LoRA adapter (llama.cpp --lora).
// A run's base model is checked before anything is merged, so a model GGUF
// cannot express is refused in a second rather than after the merge. A LoRA
// run is merged on the fly: each base weight is read, its LoRA update added
// and written before the next is read (no merged copy in memory or on disk).
// A full run's weights are merged by the engine into a temporary folder beside
// --out, and an unfinished LoRA run's adapter is saved into one; either is
// removed afterwards, also when the export fails or is stopped. SIGTERM /
// SIGINT stop between tensors (or around the merge) with "stopped" and leave
// nothing behind.

#include "cli/command.h"

#include "core/args.h"
#include "core/error.h"
#include "finetune/lora.h"
#include "finetune/train_config.h"
#include "finetune/trainer.h"
#include "gguf/gguf_export.h"
#include "model/causal_lm.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

#include <unistd.h>

namespace fs = std::filesystem;
using nlohmann::json;

namespace sft::cli {

namespace {

std::atomic<bool> g_stopRequested{false};

extern "C" void onExportStopSignal(int)
{
    g_stopRequested = true;
}

/** Throws "stopped" when SIGTERM / SIGINT asked to stop; the callers' cleanup removes what was written. */
void throwIfStopped()
{
    if (g_stopRequested)
        throw Error("stopped");
}

/**
 * Test-only: SFTBENCH_TEST_SIGNAL_AT_TENSOR=N raises a signal to this process before tensor N is
 * written: SIGTERM, or SIGSTOP with SFTBENCH_TEST_SIGNAL=STOP (a test then looks at the output
 * folder mid-export and continues the process).
 */
void testSignal(std::size_t index)
{
    const char *at = std::getenv("SFTBENCH_TEST_SIGNAL_AT_TENSOR");
    if (!at || std::strtoull(at, nullptr, 10) != index)
        return;
    const char *which = std::getenv("SFTBENCH_TEST_SIGNAL");
    ::raise(which && std::string(which) == "STOP" ? SIGSTOP : SIGTERM);
}

void emit(const json &j)
{
    std::cout << j.dump(-1, ' ', false, json::error_handler_t::replace) << std::endl;
}

/** A folder beside a file, removed with everything in it when this object dies (also on an exception). */
class TempFolder
{
public:
    TempFolder(const fs::path &beside, const std::string &tag)
    {
        fs::path parent = beside.parent_path();
        if (parent.empty())
            parent = ".";
        if (!fs::is_directory(parent))
            throw Error("the output's folder does not exist", {parent.string(), 0, 0, -1, "out"});
        for (int i = 0; i < 1000 && m_path.empty(); ++i) {
            const fs::path candidate = parent / ("." + beside.filename().string() + "." + tag + "-"
                                                 + std::to_string(::getpid()) + "-" + std::to_string(i));
            std::error_code ec;
            if (fs::create_directory(candidate, ec))
                m_path = candidate;
        }
        if (m_path.empty())
            throw Error("cannot create a temporary folder beside the output", {parent.string(), 0, 0, -1, "out"});
    }
    ~TempFolder()
    {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    TempFolder(const TempFolder &) = delete;
    TempFolder &operator=(const TempFolder &) = delete;

    std::string path() const { return m_path.string(); }

private:
    fs::path m_path;
};

/** A run folder (or its final/ or a checkpoint) read without loading a model: where its result is, its name. */
struct RunInfo
{
    std::string dir;         ///< as given
    finetune::RunLocation at;
    std::string adapterDir;  ///< the finished run's PEFT adapter; empty when it must be saved from the weights
    std::string name;        ///< the run's name or folder name

    const finetune::TrainConfig &config() const { return at.config; }
    const std::string &baseModel() const { return at.config.baseModel; }
};

RunInfo locateRun(const std::string &dirName)
{
    RunInfo r;
    r.dir = dirName;
    r.at = finetune::locateRun(dirName);
    // A finished LoRA run saved its PEFT adapter next to final/; a checkpoint has only its trained weights.
    const fs::path adapter = fs::path(r.at.runDir) / "adapter";
    if (r.at.final && fs::exists(adapter / "adapter_config.json"))
        r.adapterDir = adapter.string();
    r.name = !r.config().name.empty() ? r.config().name : fs::absolute(r.at.runDir).filename().string();
    return r;
}

std::string mib(std::uint64_t bytes)
{
    std::ostringstream s;
    s << std::fixed << std::setprecision(1) << double(bytes) / (1024.0 * 1024.0) << " MiB";
    return s.str();
}

/** The run's LoRA as a PEFT folder: the finished run's own, else saved from its trained weights into saved. */
std::string peftAdapter(const RunInfo &run, const std::string &out, std::unique_ptr<TempFolder> &saved, bool jsonLines)
{
    if (!run.adapterDir.empty())
        return run.adapterDir;
    saved = std::make_unique<TempFolder>(out, "adapter");
    if (jsonLines)
        emit({{"event", "progress"}, {"stage", "adapter"}});
    model::LoadOptions load;
    load.device = "cpu";
    finetune::RunModel rm = finetune::loadRunModel(run.dir, load);
    throwIfStopped();
    finetune::savePeftAdapter(*rm.model->module(), rm.config.lora, saved->path(), run.baseModel());
    throwIfStopped();
    return saved->path();
}

/**
 * A run exported: a LoRA run merged on the fly (base weights + the adapter, under the run's
 * config) or as its adapter; a full run merged by the engine into a temporary folder first (in
 * the base model's dtype, fp32 for --type f32).
 */
gguf::ExportReport exportRun(const RunInfo &run, const std::string &out, gguf::ExportOptions options, bool adapter,
                             bool jsonLines)
{
    const bool lora = run.config().method == finetune::Method::Lora;
    if (adapter && !lora)
        throw Error(std::string("export-gguf: --adapter exports LoRA runs; this run's method is ")
                        + finetune::methodName(run.config().method) + " (export it without --adapter)",
                    {run.dir, 0, 0, -1, "method"});
    if (options.name.empty())
        options.name = run.name;
    // The run's model config: the base model's with the run's RoPE factor (what a merge would write).
    gguf::ExportOptions checked = options;
    checked.configOverride = finetune::runModelConfig(run.at).toJson().dump();
    checked.configOverrideName = (fs::path(run.baseModel()) / "config.json").string();
    std::ostringstream ropeFactor;   // the run's position interpolation, when it has one
    if (run.config().ropeFactor != 1.0) {
        ropeFactor << run.config().ropeFactor;
        checked.configOverrideName += " with the run's RoPE factor " + ropeFactor.str();
    }
    gguf::checkExportable(run.baseModel(), checked);   // before any merging: a refusal costs nothing
    throwIfStopped();

    gguf::ExportReport report;
    std::unique_ptr<TempFolder> temp;
    if (adapter) {
        const std::string peft = peftAdapter(run, out, temp, jsonLines);
        report = gguf::exportLoraAdapter(peft, run.baseModel(), out, options);
        if (run.config().ropeFactor != 1.0)
            report.warnings.push_back("the run trained with RoPE factor " + ropeFactor.str() + " and the adapter does "
                                      "not carry it: run llama.cpp with --rope-scaling linear --rope-scale "
                                      + ropeFactor.str());
    } else if (lora) {
        checked.mergeAdapterDir = peftAdapter(run, out, temp, jsonLines);
        if (jsonLines)
            emit({{"event", "progress"}, {"stage", "merge"}});
        report = gguf::exportModel(run.baseModel(), out, checked);
    } else {
        temp = std::make_unique<TempFolder>(out, "merge");
        if (jsonLines)
            emit({{"event", "progress"}, {"stage", "merge"}});
        finetune::mergeRun(run.dir, temp->path(), options.type == gguf::FileType::F32 ? "fp32" : "auto");
        throwIfStopped();
        report = gguf::exportModel(temp->path(), out, options);
    }
    return report;
}

} // namespace

int runExportGguf(const Args &args)
{
    ArgParser p("export-gguf");
    p.option("model", "Hugging Face model folder (config.json, *.safetensors, tokenizer.json)")
        .option("run-dir", "a fine-tuning run (LoRA or full), its final/ or one of its checkpoints: merged into its "
                           "base model first")
        .option("out", "the .gguf file to write")
        .option("type", "f32, f16, bf16 or q8_0 (2-D weights; norms, biases stay f32)", "f16")
        .flag("adapter", "with --run-dir of a LoRA run: write its LoRA adapter (llama.cpp --lora) instead of a merged "
                         "model")
        .option("name", "general.name (default: the model folder's or the run's name)")
        .flag("json", "print JSON lines (started, progress, done) instead of one line");
    p.parse(args);
    if (p.helpRequested()) {
        std::cout << p.usage()
                  << "\nThe file loads in llama.cpp (llama-cli -m FILE), Ollama and LM Studio. Supported: llama,\n"
                     "mistral, qwen2 and bloom models with byte-level BPE or SentencePiece-style tokenizers; anything\n"
                     "llama.cpp would compute differently is refused by name before anything is written.\n"
                     "SIGTERM or SIGINT: stop before the next tensor, remove what was written, exit 1 (\"stopped\").\n";
        return 0;
    }
    const std::string out = p.required("out");
    const bool hasModel = p.has("model"), hasRun = p.has("run-dir");
    if (hasModel == hasRun)
        throw Error("export-gguf: give --model DIR or --run-dir RUN (one of them)");
    const bool adapter = p.isSet("adapter");
    if (adapter && !hasRun)
        throw Error("export-gguf: --adapter writes a LoRA run's adapter: it needs --run-dir");
    gguf::ExportOptions options;
    options.type = gguf::fileTypeFromName(p.value("type"));
    if (adapter && options.type == gguf::FileType::Q8_0)
        throw Error("export-gguf: --adapter is written as f32, f16 or bf16 (llama.cpp applies an adapter in float)");
    options.name = p.value("name");
    const bool jsonLines = p.isSet("json");
    if (fs::is_directory(out))
        throw Error("export-gguf: --out is a folder; give the .gguf file to write", {out, 0, 0, -1, "out"});
    // Stop between tensors on SIGTERM / SIGINT (the GUI's Stop); the writer and the temporary folders clean up.
    std::signal(SIGTERM, onExportStopSignal);
    std::signal(SIGINT, onExportStopSignal);
    std::signal(SIGPIPE, SIG_IGN);   // a closed stdout must not kill the export halfway: it stops cleanly instead
    options.progress = [jsonLines](std::size_t index, std::size_t count, const std::string &tensor) {
        if (jsonLines)
            emit({{"event", "progress"}, {"stage", "write"}, {"index", index}, {"count", count}, {"tensor", tensor}});
        testSignal(index);
        throwIfStopped();
    };
    if (jsonLines)
        emit({{"event", "started"}, {"out", out}, {"type", gguf::fileTypeName(options.type)}, {"adapter", adapter}});

    gguf::ExportReport report;
    if (hasModel) {
        report = gguf::exportModel(p.value("model"), out, options);
    } else {
        const RunInfo run = locateRun(p.value("run-dir"));
        report = exportRun(run, out, options, adapter, jsonLines);
    }

    if (jsonLines) {
        emit({{"event", "done"},
              {"file", report.file},
              {"bytes", report.bytes},
              {"tensors", report.tensors},
              {"parameters", report.parameters},
              {"architecture", report.architecture},
              {"tokenizer_model", report.tokenizerModel},
              {"tokenizer_pre", report.tokenizerPre},
              {"type", gguf::fileTypeName(options.type)},
              {"adapter", adapter},
              {"kept_f16", report.keptF16},
              {"warnings", report.warnings}});
        return 0;
    }
    std::cout << "wrote " << report.file << " (" << mib(report.bytes) << ", " << gguf::fileTypeName(options.type) << ", "
              << report.architecture << (adapter ? " LoRA adapter" : "") << ", " << report.tensors << " tensors)\n";
    if (!report.keptF16.empty())
        std::cout << "warning: " << report.keptF16.size() << " weight" << (report.keptF16.size() == 1 ? "" : "s")
                  << " kept f16 (rows not a multiple of 32, q8_0's block), first: " << report.keptF16.front() << '\n';
    for (const std::string &w : report.warnings)
        std::cout << "warning: " << w << '\n';
    return 0;
}

} // namespace sft::cli
