#!/usr/bin/python3
"""Speed of the rouge_score approach to Alpaca's 0.7 filter: a full LCS table
per pair in Python (rouge_score's _score_lcs on pre-tokenized instructions, as
stanford_alpaca's generate_instruction.py calls it), timed on a random sample
of instruction pairs and extrapolated to every pair the greedy filter compares.

    /usr/bin/python3 bench/rouge/rouge_score_speed.py [SAMPLE_PAIRS] [PAIRS_TOTAL]

PAIRS_TOTAL defaults to 1,352,006,315: the comparisons of a greedy pass over
the 52,002 instructions of alpaca_en_52k.json (sum over records of the kept
records before it; `bench_rouge_dedup` prints it as "of N pairs").
"""

import os
import random
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "rouge"))
import gen_rouge_fixtures as ref  # noqa: E402  (rouge_score's tokenize/_score_lcs restated)


def main():
    sample = int(sys.argv[1]) if len(sys.argv) > 1 else 200000
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 1352006315
    data = ref.load_json("alpaca_en_52k.json")
    t0 = time.perf_counter()
    tokens = [ref.rouge_tokenize(r["instruction"], None) for r in data]
    tok_s = time.perf_counter() - t0
    rng = random.Random(1)
    pairs = [(rng.randrange(len(tokens)), rng.randrange(len(tokens))) for _ in range(sample)]
    t0, c0 = time.perf_counter(), time.process_time()
    for i, j in pairs:
        ref.score_lcs(tokens[i], tokens[j])
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    # CPU time, not wall: the machine is shared, and CPU time is what an idle core would take.
    per_pair = cpu / sample
    print("tokenized %d instructions in %.2f s" % (len(tokens), tok_s))
    print("%d pairs in %.2f s wall, %.2f s CPU: %.2f us CPU per pair" % (sample, secs, cpu, per_pair * 1e6))
    print("extrapolated to %d pairs: %.1f hours on one core, %.1f hours on 2 cores (ideal)"
          % (total, per_pair * total / 3600, per_pair * total / 7200))


if __name__ == "__main__":
    main()
