// Reading a data-parallel world from the launcher's environment (see world.h):
// torchrun's variables, Slurm's, or ones set by hand, each checked by name.

#include "distributed/world.h"

#include "core/error.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

namespace sft::distributed {

namespace {

/** An error about one environment variable: its name is the error's field. */
[[noreturn]] void fail(const char *name, const std::string &message)
{
    throw Error(message, {{}, 0, 0, -1, name});
}

/** The variable's value; an empty value counts as not set (`export RANK=` clears it). */
std::optional<std::string> lookup(const EnvLookup &env, const char *name)
{
    const char *v = env(name);
    if (!v || !*v)
        return std::nullopt;
    return std::string(v);
}

/** A whole number in decimal, nothing else (no spaces, no fraction); throws naming the variable. */
int parseInt(const char *name, const std::string &value)
{
    const char *begin = value.c_str();
    char *end = nullptr;
    errno = 0;
    const long v = std::strtol(begin, &end, 10);
    const bool startsWell = !value.empty() && (std::isdigit(static_cast<unsigned char>(value[0])) || value[0] == '-');
    if (!startsWell || end == begin || *end != '\0' || errno == ERANGE || v < -2147483647L || v > 2147483647L)
        fail(name, std::string(name) + " is \"" + value + "\", not a whole number");
    return static_cast<int>(v);
}

std::optional<int> intVariable(const EnvLookup &env, const char *name)
{
    const auto v = lookup(env, name);
    if (!v)
        return std::nullopt;
    return parseInt(name, *v);
}

void checkRange(const char *name, int value, int low, int high, const std::string &what)
{
    if (value < low || value > high)
        fail(name, std::string(name) + " is " + std::to_string(value) + ", outside " + std::to_string(low) + ".."
                       + std::to_string(high) + " (" + what + ")");
}

/** MASTER_ADDR and MASTER_PORT, both required: a world of several processes meets there. */
void readMaster(const EnvLookup &env, WorldInfo &w)
{
    const auto addr = lookup(env, "MASTER_ADDR");
    if (!addr)
        fail("MASTER_ADDR", "MASTER_ADDR is not set: the ranks of a run need the host of rank 0 to meet");
    const auto port = intVariable(env, "MASTER_PORT");
    if (!port)
        fail("MASTER_PORT", "MASTER_PORT is not set: the ranks of a run need a TCP port to meet on");
    checkRange("MASTER_PORT", *port, 1, 65535, "a TCP port");
    w.masterAddr = *addr;
    w.masterPort = *port;
}

/**
 * Slurm's tasks per node: a comma-separated list of counts in node order, each "N" or
 * "N(xM)" (M nodes with N tasks), as in "2(x3)" or "2(x2),1". Throws naming the variable.
 */
std::vector<int> tasksPerNode(const char *name, const std::string &value)
{
    std::vector<int> counts;
    std::size_t pos = 0;
    while (pos <= value.size()) {
        const std::size_t comma = std::min(value.find(',', pos), value.size());
        const std::string item = value.substr(pos, comma - pos);
        const std::size_t paren = item.find('(');
        int count = 0, repeat = 1;
        if (paren == std::string::npos) {
            count = parseInt(name, item);
        } else {
            if (item.size() < paren + 4 || item.compare(paren, 2, "(x") != 0 || item.back() != ')')
                fail(name, std::string(name) + " is \"" + value + "\", not a list like \"2(x3),1\"");
            count = parseInt(name, item.substr(0, paren));
            repeat = parseInt(name, item.substr(paren + 2, item.size() - paren - 3));
        }
        if (count < 1 || repeat < 1 || repeat > 1000000)
            fail(name, std::string(name) + " is \"" + value + "\", not a list of positive task counts");
        counts.insert(counts.end(), static_cast<std::size_t>(repeat), count);
        pos = comma + 1;
    }
    return counts;
}

/**
 * The tasks of this Slurm node. The step's own layout (SLURM_STEP_TASKS_PER_NODE, set by srun)
 * comes first, then SLURM_NTASKS_PER_NODE (the job's request), then SLURM_TASKS_PER_NODE (the
 * job's layout). A single count holds for every node; a list is indexed by SLURM_NODEID, or,
 * without it, by walking the list with the rank (Slurm's default block distribution). With no
 * list at all: ceil(tasks / SLURM_NNODES) when the node count is known, else every task on one
 * node. localWorldSize only says how the run is laid out (nodes(), launch.json); the device a
 * rank takes comes from SLURM_LOCALID itself.
 */
int slurmLocalWorldSize(const EnvLookup &env, int rank, int worldSize, int localRank)
{
    for (const char *name : {"SLURM_STEP_TASKS_PER_NODE", "SLURM_NTASKS_PER_NODE", "SLURM_TASKS_PER_NODE"}) {
        const auto value = lookup(env, name);
        if (!value)
            continue;
        const std::vector<int> counts = tasksPerNode(name, *value);
        if (counts.size() == 1)
            return counts.front();
        if (const auto node = intVariable(env, "SLURM_NODEID")) {
            checkRange("SLURM_NODEID", *node, 0, static_cast<int>(counts.size()) - 1,
                       "the nodes of " + std::string(name));
            return counts[static_cast<std::size_t>(*node)];
        }
        int first = 0;
        for (const int c : counts) {
            if (rank < first + c)
                return c;
            first += c;
        }
        fail(name, std::string(name) + " is \"" + *value + "\", fewer tasks than SLURM_PROCID "
                       + std::to_string(rank) + " needs");
    }
    if (const auto nodes = intVariable(env, "SLURM_NNODES")) {
        checkRange("SLURM_NNODES", *nodes, 1, worldSize, "nodes of SLURM_NTASKS tasks");
        return std::max((worldSize + *nodes - 1) / *nodes, localRank + 1);
    }
    return worldSize;
}

/** RANK / WORLD_SIZE (torchrun or set by hand). */
WorldInfo fromRankVariables(const EnvLookup &env, const std::string &rankText, const std::string &worldText)
{
    WorldInfo w;
    w.launcher = lookup(env, "TORCHELASTIC_RUN_ID") || lookup(env, "GROUP_RANK") ? Launcher::Torchrun
                                                                                   : Launcher::Environment;
    w.worldSize = parseInt("WORLD_SIZE", worldText);
    checkRange("WORLD_SIZE", w.worldSize, 1, 1 << 20, "the number of processes");
    w.rank = parseInt("RANK", rankText);
    checkRange("RANK", w.rank, 0, w.worldSize - 1, "this process among WORLD_SIZE");
    if (const auto restarts = intVariable(env, "TORCHELASTIC_RESTART_COUNT")) {
        checkRange("TORCHELASTIC_RESTART_COUNT", *restarts, 0, 1 << 30, "restarts so far");
        w.restartCount = *restarts;
    }
    if (w.launcher == Launcher::Torchrun) {
        const auto agent = lookup(env, "TORCHELASTIC_USE_AGENT_STORE");
        w.agentStore = agent && (*agent == "True" || *agent == "true" || *agent == "1");
    }
    if (w.worldSize == 1) {
        // Alone: no process group, so no rendezvous and no device choice beyond the first.
        w.rank = 0;
        w.agentStore = false;
        return w;
    }

    // Without LOCAL_RANK every rank is taken to be on this machine (ranks started by hand);
    // with LOCAL_WORLD_SIZE alone, ranks fill the machines in blocks of that size.
    const auto localRank = intVariable(env, "LOCAL_RANK");
    const auto localWorld = intVariable(env, "LOCAL_WORLD_SIZE");
    if (localWorld) {
        checkRange("LOCAL_WORLD_SIZE", *localWorld, 1, w.worldSize, "the processes on this machine");
        w.localWorldSize = *localWorld;
        w.localRank = localRank ? *localRank : w.rank % w.localWorldSize;
    } else if (!localRank || *localRank == w.rank) {
        w.localWorldSize = w.worldSize;
        w.localRank = w.rank;
    } else {
        // LOCAL_RANK differs from RANK: several machines, and nothing says how many ranks each has.
        fail("LOCAL_WORLD_SIZE", "LOCAL_WORLD_SIZE is not set while LOCAL_RANK (" + std::to_string(*localRank)
                                     + ") differs from RANK (" + std::to_string(w.rank)
                                     + "): set it to the number of processes on each machine");
    }
    checkRange("LOCAL_RANK", w.localRank, 0, w.localWorldSize - 1, "this process among LOCAL_WORLD_SIZE");
    readMaster(env, w);
    return w;
}

/** An srun task of a script that exported MASTER_ADDR (see launch_script.h). */
WorldInfo fromSlurm(const EnvLookup &env, const std::string &procId, int tasks)
{
    WorldInfo w;
    w.launcher = Launcher::Slurm;
    w.worldSize = tasks;
    w.rank = parseInt("SLURM_PROCID", procId);
    checkRange("SLURM_PROCID", w.rank, 0, w.worldSize - 1, "this task among SLURM_NTASKS");
    const auto localId = intVariable(env, "SLURM_LOCALID");
    if (!localId)
        fail("SLURM_LOCALID", "SLURM_LOCALID is not set: start the workers with srun");
    w.localRank = *localId;
    w.localWorldSize = slurmLocalWorldSize(env, w.rank, w.worldSize, w.localRank);
    checkRange("SLURM_LOCALID", w.localRank, 0, w.localWorldSize - 1, "this task among the tasks of its node");
    readMaster(env, w);
    return w;
}

} // namespace

const char *launcherName(Launcher launcher)
{
    switch (launcher) {
    case Launcher::None: return "none";
    case Launcher::Torchrun: return "torchrun";
    case Launcher::Slurm: return "slurm";
    case Launcher::Environment: return "environment";
    }
    return "none";
}

int WorldInfo::nodes() const
{
    if (localWorldSize < 1)
        return 1;
    return std::max(1, (worldSize + localWorldSize - 1) / localWorldSize);
}

WorldInfo worldFromEnvironment(const EnvLookup &env)
{
    const auto rank = lookup(env, "RANK");
    const auto world = lookup(env, "WORLD_SIZE");
    if (rank && world)
        return fromRankVariables(env, *rank, *world);

    const auto procId = lookup(env, "SLURM_PROCID");
    const auto tasks = lookup(env, "SLURM_NTASKS");
    if (procId && tasks && lookup(env, "MASTER_ADDR")) {
        const int n = parseInt("SLURM_NTASKS", *tasks);
        checkRange("SLURM_NTASKS", n, 1, 1 << 20, "the number of tasks");
        if (n > 1)
            return fromSlurm(env, *procId, n);
    }
    return {};
}

WorldInfo worldFromEnvironment()
{
    return worldFromEnvironment([](const char *name) { return static_cast<const char *>(std::getenv(name)); });
}

} // namespace sft::distributed
