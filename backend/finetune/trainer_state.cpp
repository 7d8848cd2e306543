// The trainer's state on disk: checkpoints (written next to their place, then
// moved in), resuming from the newest readable one, the best/ and final/
// result folders, the PEFT adapter, and launch.json.

#include "finetune/trainer_private.h"

#include "core/json.h"
#include "data/split.h"
#include "finetune/methods.h"
#include "finetune/run_folder.h"
#include "finetune/run_model_files.h"

#include <algorithm>
#include <cmath>

#include <fcntl.h>
#include <unistd.h>

namespace sft::finetune::detail {

std::string stepDirName(std::int64_t step)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "step-%08lld", static_cast<long long>(step));
    return buf;
}

std::vector<std::pair<std::int64_t, fs::path>> listCheckpoints(const fs::path &runDir)
{
    std::vector<std::pair<std::int64_t, fs::path>> out;
    std::error_code ec;
    for (const auto &e : fs::directory_iterator(runDir / "checkpoints", ec)) {
        const std::string name = e.path().filename().string();
        if (name.rfind("step-", 0) != 0 || !fs::exists(e.path() / "state.json"))
            continue;
        out.emplace_back(std::atoll(name.c_str() + 5), e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

/** fsync every file of a folder and the folder itself (best effort: a failure only weakens durability). */
void syncFolder(const fs::path &dir)
{
    std::error_code ec;
    for (const auto &e : fs::directory_iterator(dir, ec)) {
        const int fd = ::open(e.path().c_str(), O_RDONLY);
        if (fd >= 0) {
            ::fsync(fd);
            ::close(fd);
        }
    }
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

/**
 * Write a folder next to its place, then swap it in: readers see the old folder or the new one,
 * never a half-written one (the old one is moved aside first and removed last).
 */
void swapInFolder(const fs::path &dir, const std::function<void(const fs::path &)> &write)
{
    const fs::path tmp = dir.parent_path() / ("." + dir.filename().string() + ".tmp");
    const fs::path old = dir.parent_path() / ("." + dir.filename().string() + ".old");
    std::error_code ec;
    fs::remove_all(tmp, ec);
    fs::remove_all(old, ec);
    write(tmp);
    syncFolder(tmp);
    if (fs::exists(dir))
        fs::rename(dir, old, ec);
    fs::rename(tmp, dir, ec);
    if (ec)
        throw Error("cannot move the folder into place: " + ec.message(), {dir.string(), 0, 0, -1, {}});
    fs::remove_all(old, ec);
}

/** A seed for (a, b): the b-th splitmix64 output of a stream seeded with a. */
std::uint64_t mix(std::uint64_t a, std::uint64_t b)
{
    std::uint64_t state = a + 0x9E3779B97F4A7C15ull * b;
    return splitmix64(state);
}

void Trainer::saveCheckpoint(std::int64_t step)
{
    const fs::path root = m_runDir / "checkpoints";
    const fs::path tmp = root / (".tmp-" + stepDirName(step));
    const fs::path dir = root / stepDirName(step);
    std::error_code ec;
    fs::remove_all(tmp, ec);
    fs::create_directories(tmp, ec);
    if (ec)
        throw Error("cannot create the checkpoint folder: " + ec.message(), {tmp.string(), 0, 0, -1, {}});
    saveTrainable(*m_module, (tmp / "trainable.safetensors").string());
    {
        torch::serialize::OutputArchive archive;
        m_optimizer->save(archive);
        archive.save_to((tmp / "optimizer.pt").string());
    }
    {
        torch::serialize::OutputArchive archive;
        archive.write("cpu", at::detail::getDefaultCPUGenerator().get_state());
        archive.save_to((tmp / "rng.pt").string());
    }
    const nlohmann::json state = {{"format", 1},
                                  {"step", step},
                                  {"epoch", m_steps[static_cast<std::size_t>(step - 1)].epoch},
                                  {"total_steps", static_cast<std::int64_t>(m_steps.size())},
                                  {"tokens_seen", m_tokensSeen},
                                  {"elapsed_s", m_elapsed},
                                  {"best_eval_loss", std::isfinite(m_bestEval) ? nlohmann::json(m_bestEval) : nlohmann::json()},
                                  {"best_step", m_bestStep},
                                  {"method", methodName(m_cfg.method)},
                                  {"seed", m_cfg.seed}};
    writeFileText((tmp / "state.json").string(), state.dump(2) + "\n");
    syncFolder(tmp);   // on disk before it becomes the checkpoint a resume trusts
    fs::remove_all(dir, ec);
    fs::rename(tmp, dir, ec);
    if (ec)
        throw Error("cannot move the checkpoint into place: " + ec.message(), {dir.string(), 0, 0, -1, {}});
    auto all = listCheckpoints(m_runDir);
    while (static_cast<int>(all.size()) > m_cfg.keepCheckpoints) {
        fs::remove_all(all.front().second, ec);
        all.erase(all.begin());
    }
    m_log.emit(ojson{{"event", "checkpoint"}, {"step", step}, {"path", "checkpoints/" + stepDirName(step)}});
}

std::int64_t Trainer::restore()
{
    const auto all = listCheckpoints(m_runDir);
    if (all.empty())
        throw Error("there is no checkpoint to resume from", {(m_runDir / "checkpoints").string(), 0, 0, -1, {}});
    // The newest checkpoint that loads (a crash of the machine may have left the newest one torn).
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        try {
            return restoreFrom(it->second);
        } catch (const std::exception &e) {
            if (std::next(it) == all.rend())
                throw;
            m_log.emit(ojson{{"event", "warning"},
                             {"message", std::string("checkpoint ") + it->second.filename().string()
                                             + " cannot be read, trying the one before: " + e.what()}});
        }
    }
    return 0;
}

std::int64_t Trainer::restoreFrom(const fs::path &dir)
{
    const nlohmann::json state = parseJsonDocument(readFileText((dir / "state.json").string(), "cannot open"), (dir / "state.json").string());
    const std::int64_t step = state.value("step", std::int64_t(0));
    if (step < 1 || step > static_cast<std::int64_t>(m_steps.size()))
        throw Error("the checkpoint's step does not fit this run's plan (was config.json or the data changed?)",
                    {(dir / "state.json").string(), 0, 0, -1, "step"});
    if (state.value("total_steps", std::int64_t(0)) != static_cast<std::int64_t>(m_steps.size()))
        throw Error("the run now plans " + std::to_string(m_steps.size()) + " steps, the checkpoint was written for "
                        + std::to_string(state.value("total_steps", std::int64_t(0)))
                        + ": config.json or the data changed since",
                    {(dir / "state.json").string(), 0, 0, -1, "total_steps"});
    loadTrainable(*m_module, (dir / "trainable.safetensors").string());
    {
        torch::serialize::InputArchive archive;
        archive.load_from((dir / "optimizer.pt").string());
        m_optimizer->load(archive);
    }
    {
        torch::serialize::InputArchive archive;
        archive.load_from((dir / "rng.pt").string());
        torch::Tensor rng;
        archive.read("cpu", rng);
        at::Generator gen = at::detail::getDefaultCPUGenerator();
        gen.set_state(rng);
    }
    m_tokensSeen = state.value("tokens_seen", std::int64_t(0));
    m_elapsed = state.value("elapsed_s", 0.0);
    if (state.contains("best_eval_loss") && state["best_eval_loss"].is_number()) {
        m_bestEval = state["best_eval_loss"].get<double>();
        m_bestStep = state.value("best_step", std::int64_t(0));
    }
    m_log.emit(ojson{{"event", "resumed"}, {"step", step}, {"checkpoint", "checkpoints/" + dir.filename().string()}});
    return step;
}

/** The trained result in a folder loadRunModel() and merge read: train_config.json + the weights. */
void Trainer::writeResultFolder(const fs::path &dir)
{
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw Error("cannot create the output folder: " + ec.message(), {dir.string(), 0, 0, -1, {}});
    nlohmann::json cfg = m_cfg.toJson();
    cfg["base_model"] = fs::absolute(m_modelDir).lexically_normal().string();
    writeFileText((dir / "train_config.json").string(), cfg.dump(2) + "\n");
    if (m_cfg.method == Method::Full) {
        const bool training = m_module->is_training();
        m_module->eval();
        m_lm->save(dir.string());
        copyTokenizerFiles(m_modelDir, dir);
        m_module->train(training);
    } else {
        saveTrainable(*m_module, (dir / "trainable.safetensors").string());
    }
}

/** best/: the result at the lowest eval loss so far (written next to it, then swapped in). */
void Trainer::saveBest(std::int64_t step, double evalLoss)
{
    swapInFolder(m_runDir / "best", [&](const fs::path &tmp) {
        writeResultFolder(tmp);
        writeFileText((tmp / "best.json").string(), nlohmann::json{{"step", step}, {"eval_loss", evalLoss}}.dump(2) + "\n");
    });
}

ojson Trainer::writeOutputs()
{
    ojson outputs = ojson::object();
    swapInFolder(m_runDir / "final", [&](const fs::path &tmp) { writeResultFolder(tmp); });
    outputs["final"] = "final";
    if (m_bestStep > 0)
        outputs["best"] = "best";
    if (m_cfg.method == Method::Lora) {
        savePeftAdapter(*m_module, m_cfg.lora, (m_runDir / "adapter").string(), fs::absolute(m_modelDir).string());
        outputs["adapter"] = "adapter";
    } else if (m_cfg.method == Method::Prefix) {
        savePeftPrefix(*m_module, m_cfg, (m_runDir / "adapter").string(), fs::absolute(m_modelDir).string());
        outputs["adapter"] = "adapter";
    }
    return outputs;
}

void writeLaunchRecord(const TrainRunOptions &options, bool resume, const std::string &backend)
{
    const fs::path file = fs::path(options.runDir) / "launch.json";
    const distributed::WorldInfo &w = options.world;
    nlohmann::json attempts = nlohmann::json::array();
    if (fs::exists(file)) {
        try {   // a torn or hand-edited record only loses its history
            const nlohmann::json old = nlohmann::json::parse(readFileText(file.string(), "cannot open"));
            if (old.is_object() && old.contains("attempts") && old["attempts"].is_array())
                attempts = old["attempts"];
        } catch (const std::exception &) {
        }
    }
    attempts.push_back({{"time", isoNow()}, {"world_size", w.worldSize}, {"launcher", distributed::launcherName(w.launcher)},
                        {"resume", resume}});
    ojson j = {{"world_size", w.worldSize},
               {"nodes", w.nodes()},
               {"processes_per_node", w.localWorldSize},
               {"launcher", distributed::launcherName(w.launcher)},
               {"backend", backend},
               {"master_addr", w.masterAddr},
               {"master_port", w.masterPort},
               {"working_directory", fs::current_path().string()},
               {"command", options.commandLine}};
    if (w.launcher == distributed::Launcher::Torchrun)
        j["launcher_command"] = processCommandLine(static_cast<long>(::getppid()));
    j["attempts"] = attempts;
    writeFileTextAtomic(file.string(), j.dump(2) + "\n");
}

} // namespace sft::finetune::detail
