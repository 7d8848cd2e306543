// `sftbench-cli tokenize --tokenizer FILE | --model DIR --input TEXTS`: the
// token ids of each {"text": ...} line of TEXTS (no special tokens added unless
// --add-special-tokens), one compact JSON array per line, in input order.
// --model loads the folder's tokenizer the way every model command does
// (loadModelTokenizer: tokenizer.json with tokenizer_config.json applied), so
// with --add-special-tokens the ids start with the BOS the model is fed;
// --tokenizer reads a bare tokenizer.json (its post-processor only). With
// --offsets each line is {"ids": [...], "offsets": [[begin, end], ...]}: the
// UTF-8 byte range of the text each id came from (Tokenizer::encodeWithOffsets).
// Blank lines are skipped; a bad line is an error naming the file and line.

#include "cli/command.h"
#include "core/args.h"
#include "core/error.h"
#include "core/json.h"
#include "tokenizer/model_tokenizer.h"
#include "tokenizer/tokenizer.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <string>

namespace sft::cli {

int runTokenize(const Args &args)
{
    ArgParser p("tokenize");
    p.option("tokenizer", "tokenizer.json file (Hugging Face format)")
        .option("model", "model folder: its tokenizer.json with tokenizer_config.json applied, as the model "
                         "commands load it (instead of --tokenizer)")
        .option("input", "JSONL file, one {\"text\": ...} per line")
        .flag("add-special-tokens", "add the post-processor's special tokens (e.g. <s>)")
        .flag("offsets", "print {\"ids\": [...], \"offsets\": [[begin, end], ...]} with each token's UTF-8 byte range");
    p.parse(args);
    if (p.helpRequested()) {
        std::cout << p.usage();
        return 0;
    }
    if (p.has("tokenizer") == p.has("model"))
        throw Error("give either --tokenizer FILE or --model DIR", {{}, 0, 0, -1, p.has("model") ? "model" : "tokenizer"});
    const Tokenizer tokenizer = p.has("model") ? loadModelTokenizer(p.value("model"), "model").tokenizer
                                               : Tokenizer::fromFile(p.value("tokenizer"));
    const std::string input = p.required("input");
    const bool addSpecial = p.isSet("add-special-tokens");
    const bool withOffsets = p.isSet("offsets");
    std::ifstream in(input, std::ios::binary);
    if (!in)
        throw Error("cannot open input file", Error::Location{input, 0, 0, -1, {}});

    std::string line, out;
    std::int64_t lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos)
            continue;
        const Error::Location where{input, lineNo, 0, -1, "text"};
        const nlohmann::json j = parseJsonLine(line, input, lineNo);
        if (!j.is_object() || !j.contains("text"))
            throw Error("expected an object with a \"text\" field", where);
        if (!j["text"].is_string())
            throw Error("\"text\" must be a string", where);
        Tokenizer::Encoding enc;
        try {
            if (withOffsets)
                enc = tokenizer.encodeWithOffsets(j["text"].get_ref<const std::string &>(), addSpecial);
            else
                enc.ids = tokenizer.encode(j["text"].get_ref<const std::string &>(), addSpecial);
        } catch (const Error &e) {
            throw Error(e.message(), where);
        }
        const std::vector<std::int32_t> &ids = enc.ids;
        out.clear();
        out += withOffsets ? "{\"ids\":[" : "[";
        for (std::size_t i = 0; i < ids.size(); ++i) {
            if (i)
                out += ',';
            out += std::to_string(ids[i]);
        }
        if (withOffsets) {
            out += "],\"offsets\":[";
            for (std::size_t i = 0; i < enc.offsets.size(); ++i) {
                if (i)
                    out += ',';
                out += '[' + std::to_string(enc.offsets[i].first) + ',' + std::to_string(enc.offsets[i].second) + ']';
            }
            out += "]}";
        } else {
            out += ']';
        }
        out += '\n';
        std::cout << out;
    }
    std::cout.flush();
    return 0;
}

} // namespace sft::cli
