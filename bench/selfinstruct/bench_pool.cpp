// Benchmark of the Self-Instruct pool check: the exact highest ROUGE-L of a
// new instruction against every instruction in the pool, as the pool grows
// from the seeds to 50,000 instructions, indexed (PoolIndex::best) against
// brute force (bestBruteForce: a bit-parallel LCS with every member).
//
//   ninja -C BUILD bench_selfinstruct_pool
//   BUILD/bench/selfinstruct/bench_selfinstruct_pool [--data FILE] [--seeds FILE] [--pool 50000]
//        [--tokenizer rouge|cjk] [--sample 200] [--repeat 3] [--slowest 10] [--synthetic]
//
// The pool starts with the seed tasks (seed_tasks.jsonl of the real-data
// folder) and takes Alpaca's instructions in order (alpaca_en_52k.json; with
// --tokenizer cjk use alpaca_zh_52k.json and belle/zh_seed_tasks.json); when
// the files are missing, or with --synthetic, it uses generated instructions
// over a small vocabulary instead. Every instruction is checked against the
// pool before it is added, as the loop does; the check times are reported as
// percentiles per pool-size range. At a few pool sizes, --sample of the next
// instructions are also checked by brute force (times compared, results
// required to be identical). Each timed check runs --repeat times and the
// fastest run counts (the other agents' load shows up as spikes otherwise);
// the --slowest checks are listed. Results are in README.md.

#include "core/args.h"
#include "core/error.h"
#include "core/file_io.h"
#include "selfinstruct/pool_index.h"
#include "selfinstruct/seeds.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>

using namespace sft;
using namespace sft::selfinstruct;
using Clock = std::chrono::steady_clock;

namespace {

double since(Clock::time_point t)
{
    return std::chrono::duration<double>(Clock::now() - t).count();
}

bool exists(const std::string &path)
{
    return std::ifstream(path).good();
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const std::size_t i = std::min(v.size() - 1, std::size_t(p / 100.0 * double(v.size())));
    return v[i];
}

/** Instruction-like sentences: a verb, a few of 400 words, some shared phrasing. */
std::vector<std::string> synthetic(std::size_t count, std::uint32_t seed)
{
    static const char *const verbs[] = {"Write", "Generate", "Explain", "Describe", "List", "Summarize", "Classify",
                                        "Translate", "Create", "Find", "Identify", "Rewrite", "Give", "Compare"};
    static const char *const glue[] = {"the", "a", "of", "following", "to", "in", "for", "and", "about", "given"};
    std::mt19937 rng(seed);
    std::vector<std::string> words;
    for (int i = 0; i < 400; ++i)
        words.push_back("word" + std::to_string(i));
    std::vector<std::string> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        std::string s = verbs[rng() % std::size(verbs)];
        const int n = 4 + int(rng() % 14);
        for (int k = 0; k < n; ++k) {
            s += ' ';
            s += rng() % 3 == 0 ? glue[rng() % std::size(glue)] : words[std::min<std::size_t>(rng() % 400, rng() % 400)];
        }
        out.push_back(s + '.');
    }
    return out;
}

std::vector<std::string> alpacaInstructions(const std::string &path)
{
    const nlohmann::json doc = nlohmann::json::parse(readFileText(path));
    std::vector<std::string> out;
    for (const auto &r : doc)
        out.push_back(r.value("instruction", std::string()));
    return out;
}

struct Range
{
    std::int64_t from, to;
    std::vector<double> micros;
    std::int64_t scored = 0;
};

} // namespace

int main(int argc, char **argv)
{
    try {
        ArgParser p("bench_selfinstruct_pool");
        p.option("data", "Alpaca JSON whose instructions grow the pool", "")
            .option("seeds", "seed task file the pool starts from", "")
            .option("pool", "pool size to reach", "50000")
            .option("tokenizer", "rouge or cjk", "rouge")
            .option("sample", "instructions checked by brute force at each checkpoint", "200")
            .option("slowest", "how many of the slowest checks to list", "10")
            .option("repeat", "runs of each timed check (the fastest counts)", "3")
            .flag("synthetic", "generated instructions instead of the real files");
        p.parse(std::vector<std::string>(argv + 1, argv + argc));
        if (p.helpRequested()) {
            std::cout << "usage: bench_selfinstruct_pool [options]\n" << p.usage();
            return 0;
        }
        const bool cjk = p.value("tokenizer") == "cjk";
        const std::string dir = SFT_SHARED_DATA_DIR;
        std::string data = p.value("data"), seeds = p.value("seeds");
        if (data.empty())
            data = dir + (cjk ? "/alpaca_zh_52k.json" : "/alpaca_en_52k.json");
        if (seeds.empty())
            seeds = dir + (cjk ? "/belle/zh_seed_tasks.json" : "/seed_tasks.jsonl");
        const auto target = std::int64_t(p.integer("pool"));
        const auto sample = std::size_t(p.integer("sample"));
        const int repeat = std::max(1, int(p.integer("repeat")));

        std::vector<std::string> start, stream;
        const bool real = !p.isSet("synthetic") && exists(data) && exists(seeds);
        if (real) {
            for (const SeedTask &t : loadSeedTasks(seeds))
                start.push_back(t.instruction);
            stream = alpacaInstructions(data);
            std::printf("data: %zu seeds (%s) + %zu instructions (%s)\n", start.size(), seeds.c_str(), stream.size(),
                        data.c_str());
        } else {
            start = synthetic(175, 1);
            stream = synthetic(std::size_t(target) + 1000, 2);
            std::printf("data: synthetic (%s), 175 seeds + %zu instructions\n",
                        p.isSet("synthetic") ? "--synthetic" : "real files missing", stream.size());
        }
        PoolIndex pool({cjk ? rouge::TokenizerKind::Cjk : rouge::TokenizerKind::Rouge, false});
        for (const std::string &s : start)
            pool.add(s);

        std::vector<Range> ranges{{0, 1000, {}}, {1000, 10000, {}}, {10000, 25000, {}}, {25000, 50000, {}},
                                  {50000, target + 1, {}}};
        const std::vector<std::int64_t> checkpoints{1000, 10000, 25000, 50000};
        std::size_t nextCheckpoint = 0;
        double addSeconds = 0;
        std::int64_t above = 0;
        const auto t0 = Clock::now();
        // Indexed vs brute force on the instructions from `from` (not added).
        auto compare = [&](std::size_t from) {
            const std::size_t n = std::min(sample, stream.size() - from);
            std::vector<double> fast, brute;
            std::int64_t scored = 0;
            for (std::size_t k = from; k < from + n; ++k) {
                PoolMatch a, b;
                double fastUs = 0, bruteUs = 0;
                for (int r = 0; r < repeat; ++r) {
                    auto t = Clock::now();
                    a = pool.best(stream[k]);
                    fastUs = r == 0 ? since(t) * 1e6 : std::min(fastUs, since(t) * 1e6);
                    t = Clock::now();
                    b = pool.bestBruteForce(stream[k]);
                    bruteUs = r == 0 ? since(t) * 1e6 : std::min(bruteUs, since(t) * 1e6);
                }
                fast.push_back(fastUs);
                brute.push_back(bruteUs);
                scored += a.scored;
                if (a.score != b.score || a.nearest != b.nearest || a.lcs != b.lcs)
                    throw Error("indexed and brute-force results differ at instruction " + std::to_string(k));
            }
            std::printf("pool %6lld: %zu checks  indexed p50 %7.1f us  p99 %7.1f us | brute force p50 %8.1f us  "
                        "p99 %8.1f us | identical; LCS per check %.1f (brute force %lld)\n",
                        (long long)pool.size(), n, percentile(fast, 50), percentile(fast, 99), percentile(brute, 50),
                        percentile(brute, 99), double(scored) / double(std::max<std::size_t>(n, 1)),
                        (long long)pool.size());
        };
        struct Slow
        {
            double micros;
            std::size_t index;
            std::uint32_t tokens;
            std::int64_t scored;
        };
        std::vector<Slow> slowest;
        std::size_t i = 0;
        for (; i < stream.size() && pool.size() < target; ++i) {
            if (nextCheckpoint < checkpoints.size() && pool.size() >= checkpoints[nextCheckpoint]) {
                compare(i);
                ++nextCheckpoint;
            }
            // The fastest of `repeat` runs: the machine's other load shows up as spikes otherwise.
            PoolMatch m;
            double us = 0;
            for (int r = 0; r < repeat; ++r) {
                const auto t = Clock::now();
                m = pool.best(stream[i]);
                us = r == 0 ? since(t) * 1e6 : std::min(us, since(t) * 1e6);
            }
            above += m.score > 0.7;
            slowest.push_back({us, i, m.tokens, m.scored});
            for (Range &r : ranges) {
                if (pool.size() >= r.from && pool.size() < r.to) {
                    r.micros.push_back(us);
                    r.scored += m.scored;
                }
            }
            const auto t = Clock::now();
            pool.add(stream[i]);
            addSeconds += since(t);
        }
        const double total = since(t0);
        if (sample > 0 && i < stream.size())
            compare(i);   // at the final size
        std::printf("\n%zu checks while the pool grew to %lld (%lld above 0.7), %.2f s in all, add() %.2f us each\n",
                    i, (long long)pool.size(), (long long)above, total, addSeconds / double(std::max<std::size_t>(i, 1)) * 1e6);
        std::printf("%-18s %8s %9s %9s %9s %9s %9s %12s\n", "pool size", "checks", "mean us", "p50 us", "p90 us",
                    "p99 us", "max us", "LCS / check");
        for (const Range &r : ranges) {
            if (r.micros.empty())
                continue;
            double sum = 0;
            for (double v : r.micros)
                sum += v;
            char label[64];
            std::snprintf(label, sizeof label, "%lld-%lld", (long long)r.from, (long long)std::min(r.to, target));
            std::printf("%-18s %8zu %9.1f %9.1f %9.1f %9.1f %9.1f %12.1f\n", label, r.micros.size(),
                        sum / double(r.micros.size()), percentile(r.micros, 50), percentile(r.micros, 90),
                        percentile(r.micros, 99), percentile(r.micros, 100),
                        double(r.scored) / double(r.micros.size()));
        }
        std::sort(slowest.begin(), slowest.end(), [](const Slow &a, const Slow &b) { return a.micros > b.micros; });
        std::printf("\nslowest checks:\n");
        for (std::size_t k = 0; k < std::min<std::size_t>(slowest.size(), std::size_t(p.integer("slowest"))); ++k) {
            const Slow &w = slowest[k];
            std::printf("%9.1f us  pool %6zu  %3u tokens  LCS %5lld  %.100s\n", w.micros, start.size() + w.index,
                        w.tokens, (long long)w.scored, stream[w.index].c_str());
        }
        return 0;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
}
