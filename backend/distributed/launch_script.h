#pragma once
// Launch scripts for running a fine-tuning run folder on a cluster: a torchrun
// command per node and a Slurm batch script whose srun tasks are the workers.
// Torch-free and Qt-free: the GUI's "Export launch script" writes them, the
// tests check them, the README shows them.

#include <string>
#include <vector>

namespace sft::distributed {

struct ClusterLaunch
{
    int nodes = 1;                 ///< machines
    int processesPerNode = 1;      ///< ranks per machine (one per GPU on CUDA)
    std::string masterAddr = "node0";  ///< rendezvous host for torchrun (Slurm: the job's first node)
    int masterPort = 29500;
    std::string worker = "sftbench-cli";   ///< the worker's path on the cluster's machines
    std::string runDir;            ///< the run folder, on storage every node mounts at this path
    /**
     * The base model's folder on the cluster, passed as the worker's --base-model (config.json holds
     * the path on the machine that prepared the run); empty: config.json's base_model as it is.
     */
    std::string baseModel;
    std::string torchrun = "torchrun";     ///< the launcher's path on the cluster
    // Slurm only
    std::string jobName = "sftbench";
    std::string partition;         ///< empty: the cluster's default
    std::string timeLimit = "24:00:00";
    int gpusPerNode = 0;           ///< 0: no --gpus-per-node line (CPU runs)
    int cpusPerTask = 0;           ///< 0: no --cpus-per-task line
    int collectiveTimeoutSeconds = 1800;   ///< the worker's --collective-timeout
};

/**
 * Throws sft::Error naming the field (nodes, processes_per_node, master_addr, master_port,
 * worker, torchrun, run_dir, job_name, partition, time_limit, gpus_per_node, cpus_per_task,
 * collective_timeout) of the first bad value: counts < 1 (GPUs and CPUs < 0), a port outside
 * 1..65535, an empty or relative run folder, a worker or torchrun that is neither an absolute
 * path nor a bare name found on PATH, characters a shell or Slurm would mangle: newlines and
 * other control characters anywhere, a backslash in the run folder (it would turn off Slurm's
 * %j in the log's name), whitespace, quotes, backslashes or '#' in the values written on
 * #SBATCH lines as they are (job name, partition, time limit). Quotes elsewhere are escaped,
 * not refused. torchrunScript() and slurmScript() call it first.
 */
void validate(const ClusterLaunch &launch);

/**
 * A bash script to start on every node (e.g. with pdsh or by hand), NODE_RANK=<n> in the
 * environment: `torchrun --nnodes N --nproc_per_node P --node_rank $NODE_RANK --master_addr A
 * --master_port PORT --no_python WORKER train --run-dir RUN --auto-resume --quiet
 * --collective-timeout S`. The underscore spellings work with torchrun 1.13 and later; a
 * comment block says what each node needs (the same worker path, the shared run folder).
 * Every interpolated value is single-quoted for the shell.
 */
std::string torchrunScript(const ClusterLaunch &launch);

/**
 * An sbatch script: #SBATCH --job-name, --nodes, --ntasks-per-node=P, optional --partition,
 * --gpus-per-node, --cpus-per-task, --time, --output=<run dir>/slurm-%j.out; MASTER_ADDR from
 * the first host of SLURM_JOB_NODELIST (scontrol show hostnames), MASTER_PORT (and
 * OMP_NUM_THREADS when cpusPerTask is set); then `srun --kill-on-bad-exit=1
 * [--cpus-per-task=C] WORKER train --run-dir RUN --auto-resume --quiet --collective-timeout S`
 * (each task is one rank; the worker reads SLURM_PROCID / SLURM_NTASKS / SLURM_LOCALID; a rank
 * that dies ends the step). The output path is quoted the way sbatch reads #SBATCH lines.
 * Requeueing the job resumes from the newest checkpoint (--auto-resume).
 */
std::string slurmScript(const ClusterLaunch &launch);

/**
 * The local command line the GUI starts for P processes on this machine (arguments after the
 * program, which is torchrun): --nproc_per_node P --nnodes 1 --master_addr 127.0.0.1
 * --master_port PORT --redirects 2 --tee 2 --no_python WORKER train --run-dir RUN [--resume]
 * --quiet. (--redirects/--tee: torchrun 1.13 on Python 3.11 fails to parse its own default.)
 */
std::vector<std::string> localTorchrunArguments(int processes, int port, const std::string &worker,
                                                const std::string &runDir, bool resume);

/**
 * A free TCP port on this machine: bound on the wildcard address 0.0.0.0 (where torchrun's agent
 * store listens) to port 0 and released; 0 when none could be had.
 */
int freeLocalPort();

} // namespace sft::distributed
