#pragma once
// Where this process stands in a data-parallel run: its rank, the world size,
// its rank on its machine and the rendezvous address, read from what the
// launcher put in the environment. PyTorch's launcher (torchrun) sets RANK,
// WORLD_SIZE, LOCAL_RANK, LOCAL_WORLD_SIZE, MASTER_ADDR, MASTER_PORT (and
// TORCHELASTIC_* when its agent hosts the store); Slurm's srun sets
// SLURM_PROCID, SLURM_NTASKS, SLURM_LOCALID, SLURM_NTASKS_PER_NODE /
// SLURM_STEP_TASKS_PER_NODE and the batch script exports MASTER_ADDR /
// MASTER_PORT. Torch-free and Qt-free: the worker decides with it whether to
// join a process group, the GUI and the tests build environments with it.

#include <functional>
#include <string>

namespace sft::distributed {

/** Which launcher the environment came from. */
enum class Launcher { None, Torchrun, Slurm, Environment };

/** "none", "torchrun", "slurm", "environment" (RANK / WORLD_SIZE set by hand or another launcher). */
const char *launcherName(Launcher launcher);

struct WorldInfo
{
    Launcher launcher = Launcher::None;
    int rank = 0;            ///< 0 .. worldSize-1
    int worldSize = 1;
    int localRank = 0;       ///< rank on this machine: the CUDA device a rank takes
    int localWorldSize = 1;  ///< ranks on this machine
    std::string masterAddr;  ///< rendezvous host (rank 0's machine)
    int masterPort = 0;      ///< rendezvous TCP port
    /** torchrun's agent already hosts the TCP store: every rank connects as a client (no rank serves). */
    bool agentStore = false;
    int restartCount = 0;    ///< TORCHELASTIC_RESTART_COUNT: > 0 when torchrun restarted the workers

    bool distributed() const { return worldSize > 1; }
    /** Machines in the run (worldSize / localWorldSize rounded up, at least 1). */
    int nodes() const;
};

/** Looks a variable up; nullptr when it is not set. */
using EnvLookup = std::function<const char *(const char *name)>;

/**
 * The world this process belongs to. Reads, in order: torchrun's variables (RANK and
 * WORLD_SIZE set; TORCHELASTIC_RUN_ID or GROUP_RANK present means torchrun), then Slurm's
 * (SLURM_PROCID and SLURM_NTASKS set, SLURM_NTASKS > 1, and MASTER_ADDR set: an srun step
 * of a script that chose a rendezvous host; without MASTER_ADDR a multi-task Slurm step is
 * not taken as a run of ours and this returns a single process), else a single process
 * (Launcher::None, world size 1). WORLD_SIZE 1 is a single process too.
 *
 * An empty variable counts as not set. With WORLD_SIZE 1 the launcher is still named (a
 * torchrun of one process keeps its restart count) but nothing else is read: no rendezvous,
 * local rank 0 of 1. Without LOCAL_RANK every rank is taken to be on this machine; with
 * LOCAL_WORLD_SIZE but no LOCAL_RANK, ranks fill the machines in blocks of that size;
 * LOCAL_RANK other than RANK without LOCAL_WORLD_SIZE is an error (field LOCAL_WORLD_SIZE).
 * TORCHELASTIC_USE_AGENT_STORE is "True" under torchrun when its agent hosts the store.
 *
 * Under Slurm the tasks of this node come from SLURM_STEP_TASKS_PER_NODE, else
 * SLURM_NTASKS_PER_NODE, else SLURM_TASKS_PER_NODE ("2", "2(x3)", "2(x2),1": one count for
 * every node, or a list indexed by SLURM_NODEID or, without it, walked with the rank as in
 * Slurm's block distribution), else ceil(SLURM_NTASKS / SLURM_NNODES), else all on one node.
 * SLURM_LOCALID is required: it is the device a rank takes.
 *
 * Throws sft::Error naming the variable (field = the variable's name) for a value that is
 * not a whole number, a rank outside 0..world-1, a local rank outside 0..local world-1, a
 * world size > 1 without MASTER_ADDR / MASTER_PORT, or a port outside 1..65535.
 */
WorldInfo worldFromEnvironment(const EnvLookup &env);

/** worldFromEnvironment(std::getenv). */
WorldInfo worldFromEnvironment();

} // namespace sft::distributed
