// Writing the demo model folder.

#include "model/demo_model.h"

#include "core/error.h"
#include "core/file_io.h"
#include "model/language_model.h"

#ifdef SFT_MODEL_HAVE_TOKENIZER
#include "tokenizer/bpe_trainer.h"
#include "tokenizer/tokenizer.h"
#endif

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace sft::model {

namespace {

const char *const kChatMlTemplate =
    "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + "
    "'\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

void collectStrings(const nlohmann::json &j, std::vector<std::string> &out)
{
    if (j.is_string()) {
        if (!j.get<std::string>().empty())
            out.push_back(j.get<std::string>());
    } else if (j.is_structured()) {
        for (const auto &v : j)
            collectStrings(v, out);
    }
}

} // namespace

namespace {

/** BLOOM with the width, depth, heads and context of the LLaMA-style preset c. */
ModelConfig bloomLike(const ModelConfig &c)
{
    ModelConfig b;
    b.modelType = "bloom";
    b.architecture = Architecture::Bloom;
    b.positionEncoding = PositionEncoding::Alibi;
    b.vocabSize = c.vocabSize;
    b.hiddenSize = c.hiddenSize;
    b.intermediateSize = 4 * c.hiddenSize;
    b.numLayers = c.numLayers;
    b.numHeads = c.numHeads;
    b.numKvHeads = c.numHeads;
    b.headDim = c.hiddenSize / c.numHeads;
    b.maxPositions = c.maxPositions;
    b.rmsNormEps = 1e-5;
    b.tieWordEmbeddings = true;
    b.qkvBias = b.oBias = b.mlpBias = true;
    b.dtype = c.dtype;
    return b;
}

} // namespace

ModelConfig presetConfig(const std::string &preset, const std::string &position)
{
    if (position != "rope" && position != "alibi")
        throw Error("unknown position encoding \"" + position + "\" (rope, alibi)");
    ModelConfig c;
    c.modelType = "llama";
    c.rmsNormEps = 1e-6;
    c.ropeTheta = 10000.0;
    c.dtype = "float32";
    if (preset == "tiny") {
        c.vocabSize = 4096;
        c.hiddenSize = 128;
        c.intermediateSize = 352;
        c.numLayers = 4;
        c.numHeads = 4;
        c.numKvHeads = 2;
        c.headDim = 32;
        c.maxPositions = 1024;
        c.tieWordEmbeddings = false;
    } else if (preset == "small100m") {
        c.vocabSize = 32000;
        c.hiddenSize = 768;
        c.intermediateSize = 2048;
        c.numLayers = 12;
        c.numHeads = 12;
        c.numKvHeads = 4;
        c.headDim = 64;
        c.maxPositions = 2048;
        c.tieWordEmbeddings = true;
    } else if (preset == "llama1b") {
        // TinyLlama-1.1B's shape (1,100,048,384 parameters): a GPU benchmark of a real model's size.
        c.vocabSize = 32000;
        c.hiddenSize = 2048;
        c.intermediateSize = 5632;
        c.numLayers = 22;
        c.numHeads = 32;
        c.numKvHeads = 4;
        c.headDim = 64;
        c.maxPositions = 4096;
        c.rmsNormEps = 1e-5;
        c.tieWordEmbeddings = false;
    } else {
        throw Error("unknown preset \"" + preset + "\" (tiny, small100m, llama1b)");
    }
    return position == "alibi" ? bloomLike(c) : c;
}

std::vector<std::string> alpacaTexts(std::string_view text, const std::string &source)
{
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::exception &e) {
        throw Error(std::string("invalid JSON: ") + e.what(), {source, 0, 0, -1, {}});
    }
    if (!j.is_array())
        throw Error("expected a JSON array of records", {source, 0, 0, -1, {}});
    std::vector<std::string> out;
    for (const auto &rec : j)
        collectStrings(rec, out);
    return out;
}

std::vector<std::string> readCorpus(const std::string &path)
{
    const std::string text = readFileText(path, "cannot open corpus");
    const std::string ext = fs::path(path).extension().string();
    if (ext == ".json")
        return alpacaTexts(text, path);
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    std::int64_t lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.empty())
            continue;
        if (ext == ".jsonl") {
            try {
                collectStrings(nlohmann::json::parse(line), out);
            } catch (const nlohmann::json::exception &e) {
                throw Error(std::string("invalid JSON: ") + e.what(), {path, lineNo, 0, -1, {}});
            }
        } else {
            out.push_back(line);
        }
    }
    return out;
}

DemoModelInfo writeDemoModel(const DemoModelOptions &o)
{
#ifndef SFT_MODEL_HAVE_TOKENIZER
    (void)o;
    throw Error("this build has no tokenizer library (sft_tokenizer); init-model is unavailable");
#else
    if (o.outDir.empty())
        throw Error("init-model needs an output directory");
    ModelConfig config = presetConfig(o.preset, o.position);
    std::vector<std::string> texts = o.corpusFile.empty()
                                         ? alpacaTexts(embeddedDemoCorpus(), "embedded demo dataset")
                                         : readCorpus(o.corpusFile);
    if (texts.empty())
        throw Error("the corpus has no text to train the tokenizer on");

    const std::vector<std::string> specials = {"<|endoftext|>", "<|im_start|>", "<|im_end|>"};
    const std::string tokenizerJson = trainByteLevelBpe(texts, static_cast<int>(config.vocabSize), specials);
    const Tokenizer tokenizer = Tokenizer::fromJson(tokenizerJson, "trained tokenizer");
    const auto tokVocab = static_cast<std::int64_t>(tokenizer.vocabSize());
    // The tiny model's embedding table matches the tokenizer; the benchmark preset keeps its size.
    if (o.preset == "tiny" || tokVocab > config.vocabSize)
        config.vocabSize = tokVocab;
    const std::int64_t endOfText = tokenizer.tokenToId("<|endoftext|>");
    const std::int64_t imEnd = tokenizer.tokenToId("<|im_end|>");
    config.eosTokenIds = {imEnd, endOfText};
    config.padTokenId = endOfText;

    fs::create_directories(o.outDir);
    const fs::path dir(o.outDir);
    auto model = LanguageModel::create(config, o.seed, {"cpu", "fp32"});
    model->save(o.outDir);
    writeFileText((dir / "tokenizer.json").string(), tokenizerJson);

    nlohmann::json tc;
    tc["tokenizer_class"] = "PreTrainedTokenizerFast";
    tc["bos_token"] = nullptr;
    tc["eos_token"] = "<|im_end|>";
    tc["pad_token"] = "<|endoftext|>";
    tc["unk_token"] = nullptr;
    tc["add_bos_token"] = false;
    tc["add_eos_token"] = false;
    tc["clean_up_tokenization_spaces"] = false;
    tc["model_max_length"] = config.maxPositions;
    tc["additional_special_tokens"] = {"<|im_start|>", "<|im_end|>"};
    tc["chat_template"] = kChatMlTemplate;
    writeFileText((dir / "tokenizer_config.json").string(), tc.dump(2) + "\n");

    nlohmann::json gc;
    gc["eos_token_id"] = config.eosTokenIds;
    gc["pad_token_id"] = endOfText;
    gc["do_sample"] = false;
    gc["max_new_tokens"] = 128;
    writeFileText((dir / "generation_config.json").string(), gc.dump(2) + "\n");

    DemoModelInfo info;
    info.config = config;
    info.tokenizerVocab = tokVocab;
    info.parameters = config.parameterCount();
    return info;
#endif
}

} // namespace sft::model
