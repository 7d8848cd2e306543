// Demo choice of ICL prompts: random, manual or ROUGE-L, then the order's permutation.

#include "scoring/icl_demos.h"

#include "core/error.h"
#include "scoring/demo_selection.h"

namespace sft::scoring {

bool demoSelectionFromName(const std::string &name, DemoSelection &out)
{
    if (name == "random")
        out = DemoSelection::Random;
    else if (name == "rouge")
        out = DemoSelection::Rouge;
    else if (name == "manual")
        out = DemoSelection::Manual;
    else
        return false;
    return true;
}

bool demosVaryPerTest(DemoSelection selection) { return selection == DemoSelection::Rouge; }

std::vector<std::size_t> iclDemos(const IclOptions &options, const std::vector<Example> &demos,
                                  const Example &test, std::size_t k, std::size_t order)
{
    if (k == 0)
        return {};
    std::vector<std::size_t> base;
    switch (options.selection) {
    case DemoSelection::Random:
        base = randomDemos(demos.size(), k, deriveSeed(options.seed, k));
        break;
    case DemoSelection::Manual:
        if (k > options.manualIndices.size())
            throw Error("k = " + std::to_string(k) + " but only " + std::to_string(options.manualIndices.size())
                        + " demo indices were given", {{}, 0, 0, -1, "demo-indices"});
        base = manualDemos({options.manualIndices.begin(), options.manualIndices.begin() + std::ptrdiff_t(k)},
                           demos.size());
        break;
    case DemoSelection::Rouge: {
        std::vector<std::string> pool;
        pool.reserve(demos.size());
        for (const Example &d : demos)
            pool.push_back(d.text);
        base = rougeNeighbours(pool, test.text, k, options.rougeTokenizer);
        break;
    }
    }
    return order == 0 ? base : permuted(base, deriveSeed(options.seed, k, order));
}

} // namespace sft::scoring
