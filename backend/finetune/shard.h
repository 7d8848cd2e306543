#pragma once
// How a data-parallel run divides each step among its ranks. The plan of
// steps (planSteps) does not depend on the number of processes: a config's
// batch_size × grad_accumulation rows are the global batch of every step, as
// in a single process. Each micro-batch's rows are dealt to the ranks, so
// every rank runs the same number of micro-batches with about batch_size /
// world rows each; the loss of every rank is divided by the step's global
// target-token count and the gradients summed, which is the single-process
// gradient. Torch-free.

#include "finetune/sft_dataset.h"

#include <cstdint>
#include <vector>

namespace sft::finetune {

/**
 * The rows of one micro-batch that rank takes out of world. Deterministic and a partition:
 * every row goes to exactly one rank, no rank gets more than ceil(n / world) rows. Rows are
 * dealt longest first (ties: lower index first) to the rank with the fewest tokens so far
 * among those with room left (ties: the lower rank), so packed rows of unequal length balance;
 * each rank's rows keep their original order. A rank may get no rows when n < world. The
 * tokens of any two ranks differ by at most the longest row. Throws std::invalid_argument
 * for world < 1 or a rank outside 0..world-1.
 */
std::vector<Row> shardRows(const std::vector<Row> &rows, int world, int rank);

/** Target tokens (labels that count in the loss) of a micro-batch: position i predicts token i + 1. */
std::int64_t targetTokens(const std::vector<Row> &rows, const std::vector<SftExample> &examples);

} // namespace sft::finetune
