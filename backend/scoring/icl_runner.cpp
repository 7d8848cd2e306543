// The ICL experiment loop: k x orders x test examples.

#include "scoring/icl_runner.h"

#include "core/error.h"

#include <map>

namespace sft::scoring {

IclResult runIcl(const AnswerScorer &scorer, const std::vector<Example> &demos, const std::vector<Example> &tests,
                 const IclOptions &options, const IclCallbacks &callbacks)
{
    const IclPromptBuilder builder(options.format, scorer.verbalizer());
    const std::size_t labels = scorer.verbalizer().labels().size();
    IclResult result;
    for (std::size_t k : options.ks) {
        if (k > demos.size())
            throw Error("k = " + std::to_string(k) + " but the demo file has " + std::to_string(demos.size())
                        + " examples", {{}, 0, 0, -1, "k"});
        const std::size_t orders = k == 0 ? 1 : std::max<std::size_t>(1, options.orders);
        std::vector<double> accuracies;
        for (std::size_t order = 0; order < orders; ++order) {
            IclRunResult run;
            run.k = k;
            run.order = order;
            std::map<std::vector<std::size_t>, prompt::ContextualCalibration> calibrations;
            std::vector<int> gold, predicted;
            for (std::size_t t = 0; t < tests.size(); ++t) {
                IclExampleResult ex;
                ex.k = k;
                ex.order = order;
                ex.test = t;
                ex.demos = iclDemos(options, demos, tests[t], k, order);
                if (t == 0)
                    run.demos = ex.demos;
                std::vector<const Example *> shown;
                for (std::size_t i : ex.demos)
                    shown.push_back(&demos[i]);
                const prompt::Template::Filled f = builder.build(shown, tests[t]);
                ex.scores = scorer.score(f.prefix, f.suffix);
                ex.probs = ex.scores.probs;
                if (options.calibrate) {
                    auto it = calibrations.find(ex.demos);
                    if (it == calibrations.end()) {
                        std::vector<std::pair<std::string, std::string>> cf;
                        for (const char *text : prompt::contentFreeInputs()) {
                            const prompt::Template::Filled c = builder.buildContentFree(shown, text);
                            cf.emplace_back(c.prefix, c.suffix);
                        }
                        it = calibrations.emplace(ex.demos, scorer.calibrate(cf)).first;
                    }
                    ex.probs = it->second.apply(ex.scores.probs);
                }
                ex.predicted = argmax(ex.probs);
                run.promptTokensMax = std::max(run.promptTokensMax, ex.scores.promptTokens);
                gold.push_back(tests[t].gold);
                predicted.push_back(ex.predicted);
                if (callbacks.onExample)
                    callbacks.onExample(ex);
            }
            run.metrics = classificationMetrics(gold, predicted, labels);
            if (run.metrics.accuracy)
                accuracies.push_back(*run.metrics.accuracy);
            if (callbacks.onRun)
                callbacks.onRun(run);
            result.runs.push_back(std::move(run));
        }
        IclKSummary s;
        s.k = k;
        s.runs = orders;
        s.accuracy = spread(accuracies);
        if (callbacks.onK)
            callbacks.onK(s);
        result.perK.push_back(s);
    }
    return result;
}

} // namespace sft::scoring
