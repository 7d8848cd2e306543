#pragma once
// Choosing and ordering ICL demonstrations: manual indices, a seeded random
// sample, or the k nearest neighbours of the test input by ROUGE-L (the cjk
// word tokenizer by default, so Chinese compares per character). Orders are
// seeded permutations. The generator is splitmix64 with our own shuffles, so
// a seed gives the same demos on every platform and standard library.

#include "rouge/tokenizer.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace sft::scoring {

/** splitmix64: a small, portable, seedable generator. */
class SplitMix64
{
public:
    explicit SplitMix64(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next();
    /** Uniform in [0, n) (n > 0). */
    std::size_t below(std::size_t n);

private:
    std::uint64_t m_state;
};

/** A seed derived from a base seed and up to two stream numbers (k, order). */
std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0);

/** k distinct indices of [0, n) in random order (Fisher-Yates). Throws sft::Error when k > n. */
std::vector<std::size_t> randomDemos(std::size_t n, std::size_t k, std::uint64_t seed);

/** A seeded permutation of items (Fisher-Yates). */
std::vector<std::size_t> permuted(std::vector<std::size_t> items, std::uint64_t seed);

/** Indices as given; throws sft::Error when one is >= n. */
std::vector<std::size_t> manualDemos(const std::vector<std::size_t> &indices, std::size_t n);

/** "0,3,5" -> {0, 3, 5}; throws sft::Error naming the option on bad text. */
std::vector<std::size_t> parseIndexList(const std::string &text, const std::string &option);

/**
 * The k pool texts with the highest ROUGE-L F against query (ties: lower
 * index first), ordered from the least to the most similar, so the nearest
 * demonstration ends up right before the test input.
 */
std::vector<std::size_t> rougeNeighbours(const std::vector<std::string> &pool, const std::string &query,
                                         std::size_t k, const rouge::TokenizerOptions &options = {rouge::TokenizerKind::Cjk, false});

} // namespace sft::scoring
