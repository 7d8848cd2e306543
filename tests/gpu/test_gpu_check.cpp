// scripts/gpu-check.sh in CPU mode (tiny models), as CI runs it so the GPU check cannot rot:
// with this build's worker every correctness check must be present and pass (the parity step runs
// CPU vs CPU, so its code path runs too); with a worker whose `logits` answers in bf16 (a precision
// bug the reference comparison must catch) the script must fail and name the failing checks; a
// deadline already past skips every step and fails; cuda mode stops at once, before compiling, when
// the LibTorch it configures against has no CUDA; and (only as the CTest entry
// test_gpu_check_build, which sets SFT_GPU_CHECK_BUILD=1) the script's own Qt-free build of the
// worker with --build-only, then the same checks in a second call with --worker, as a GPU session
// runs them.

#include "test_util.h"

#include <QDir>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {

const QString kScript = QStringLiteral(SFT_SOURCE_DIR "/scripts/gpu-check.sh");
constexpr double kLimit = 1e-4;

/** Correctness checks a CPU-mode report must hold, each passing. */
const QStringList kExpectedChecks = {
    u"worker_runs"_s, u"parity_fp32_llama"_s, u"parity_generate_llama"_s, u"parity_fp32_qwen2"_s,
    u"parity_generate_qwen2"_s, u"reference_llama"_s, u"reference_qwen2"_s, u"reference_tiny"_s,
    u"train_finite_lora_ref"_s, u"lora_b_nonzero"_s, u"lora_changes_logits"_s, u"adapter_logits"_s,
    u"merged_logits"_s, u"parity_fp32_adapter"_s, u"train_finite_lora"_s, u"full_rows_lora"_s,
    u"profile_events_lora"_s, u"no_save_lora"_s, u"train_finite_full"_s, u"full_rows_full"_s,
    u"profile_events_full"_s, u"no_save_full"_s, u"train_finite_lora_gc"_s, u"no_save_lora_gc"_s,
    u"report_fields"_s};
/** The CPU-mode parity checks: two CPU runs of the same kernels, so identical (value 0). */
const QStringList kParityChecks = {u"parity_fp32_llama"_s, u"parity_fp32_qwen2"_s, u"parity_fp32_adapter"_s};
/** The checks that compare logits with the reference: value <= 1e-4 when they pass. */
const QStringList kLogitChecks = {u"reference_llama"_s, u"reference_qwen2"_s, u"reference_tiny"_s,
                                  u"adapter_logits"_s, u"merged_logits"_s};

QJsonObject readReport(const QString &path)
{
    return QJsonDocument::fromJson(sfttest::readFile(path)).object();
}

QJsonObject child(const QJsonObject &o, const QString &key)
{
    return o.value(key).toObject();
}

QHash<QString, QJsonObject> checksByName(const QJsonObject &report)
{
    QHash<QString, QJsonObject> out;
    for (const QJsonValue &c : report.value(u"checks"_s).toArray())
        out.insert(c.toObject().value(u"name"_s).toString(), c.toObject());
    return out;
}

/**
 * Runs the script under timeout(1), which signals its whole process group: at the limit the build,
 * the Python steps and the worker stop with it (killing bash alone would leave them running).
 */
sfttest::ProgramRun runScript(const QStringList &args, int timeoutSeconds)
{
    return sfttest::runProgram(u"timeout"_s,
                               QStringList{u"-k"_s, u"20"_s, QString::number(timeoutSeconds), u"/bin/bash"_s, kScript}
                                   + args,
                               (timeoutSeconds + 40) * 1000);
}

QByteArray tail(const sfttest::ProgramRun &r)
{
    return r.describe().right(6000);
}

} // namespace

class TestGpuCheck : public QObject
{
    Q_OBJECT

private:
    /** The report of a passing CPU-mode run: every expected check there and passing, the sections filled. */
    void verifyPassingReport(const QJsonObject &report, const QByteArray &stdoutText)
    {
        QVERIFY2(report.value(u"ok"_s).toBool(), "report ok is false");
        QCOMPARE(report.value(u"device"_s).toString(), u"cpu"_s);
        const auto checks = checksByName(report);
        for (const QString &name : kExpectedChecks) {
            QVERIFY2(checks.contains(name), qPrintable(u"missing check "_s + name));
            const QByteArray detail = QJsonDocument(checks[name]).toJson();
            QVERIFY2(checks[name].value(u"ok"_s).toBool(), detail.constData());
        }
        for (const QJsonObject &c : checks)
            QVERIFY2(c.value(u"ok"_s).toBool(), qPrintable(u"failing check "_s + c.value(u"name"_s).toString()));
        // The script's own verdicts are not taken on trust for the numbers that matter.
        for (const QString &name : kLogitChecks) {
            const QJsonValue v = checks[name].value(u"value"_s);
            QVERIFY2(v.isDouble() && v.toDouble() >= 0 && v.toDouble() <= kLimit, qPrintable(name));
        }
        QVERIFY(checks[u"lora_changes_logits"_s].value(u"value"_s).toDouble() > 1e-3);

        for (const QString &name : kParityChecks) {
            const QJsonValue v = checks[name].value(u"value"_s);
            QVERIFY2(v.isDouble() && v.toDouble() == 0.0, qPrintable(name));
        }
        QCOMPARE(report.value(u"state"_s).toString(), u"complete"_s);
        QVERIFY(report.value(u"skipped_steps"_s).toObject().isEmpty());
        const QJsonObject parity = child(report, u"parity"_s);
        QCOMPARE(parity.value(u"mode"_s).toString(), u"cpu vs cpu (plumbing only)"_s);
        for (const QString &model : {u"llama"_s, u"qwen2"_s}) {
            const QJsonObject p = child(child(parity, u"models"_s), model);
            QVERIFY2(p.value(u"generate_identical"_s).toBool(), qPrintable(model));
            // The generated ids themselves are compared, and there are some.
            QVERIFY2(!child(p, u"generate_cpu"_s).value(u"token_ids"_s).toArray().isEmpty(), qPrintable(model));
            // bf16 really ran: its logits differ from fp32's, by a little.
            const double rel = p.value(u"bf16_relative"_s).toDouble();
            QVERIFY2(rel > 0 && rel < 0.1, qPrintable(model + u" bf16 relative "_s + QString::number(rel)));
        }
        const QJsonObject ref = child(report, u"reference"_s);
        const QString source = ref.value(u"source"_s).toString();
        QVERIFY2(source.contains(u"reference_llama.py"_s) || source.contains(u"transformers"_s), qPrintable(source));
        QVERIFY(child(ref, u"lora"_s).value(u"b_matrices"_s).toInt() > 0);

        const QJsonObject speed = child(report, u"speed"_s);
        for (const QString &method : {u"lora"_s, u"full"_s}) {
            const QJsonObject run = child(child(speed, u"runs"_s), method);
            QVERIFY2(run.value(u"tokens_per_s"_s).toDouble() > 0, qPrintable(method));
            QVERIFY2(run.value(u"gflops_per_s"_s).toDouble() > 0, qPrintable(method));
            QVERIFY2(run.value(u"memory_estimate_bytes"_s).toDouble() > 0, qPrintable(method));
            QVERIFY2(run.value(u"flops_per_token"_s).toDouble() > 0, qPrintable(method));
            const QJsonObject py = child(child(speed, u"python"_s), method);
            QVERIFY2(py.value(u"tokens_per_s"_s).toDouble() > 0, QJsonDocument(py).toJson().constData());
        }
        QVERIFY(child(speed, u"kernels"_s).value(u"kernels"_s).toArray().size() >= 8);
        const QJsonObject gc = child(report, u"checkpointing"_s);
        QVERIFY(child(gc, u"on"_s).value(u"tokens_per_s"_s).toDouble() > 0);
        QVERIFY(child(gc, u"off"_s).value(u"tokens_per_s"_s).toDouble() > 0);

        QVERIFY(stdoutText.contains("## GPU check: PASS"));
        QVERIFY(stdoutText.contains("### Parity (worker: cpu vs cpu (plumbing only))"));
        QVERIFY(stdoutText.contains("| check | ok | value | limit |"));
        QVERIFY(stdoutText.contains("| reference_llama | ok |"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFileInfo(sfttest::cliPath()).isExecutable())
            QSKIP("sftbench-cli is not built");
        const sfttest::ReferenceRun torch = sfttest::runTorchReference({u"-c"_s, u"import torch"_s}, 120000);
        if (!torch.skip.isEmpty())
            QSKIP(qPrintable(torch.skip));
        QCOMPARE(torch.exitCode, 0);
    }

    /** CPU mode with the project's worker: exit 0, every check present and passing. */
    void cpuModePasses()
    {
        const QString work = QStringLiteral(SFT_BINARY_DIR "/gpu_check_work");
        QDir(work).removeRecursively();
        const QString reportPath = work + u"/report.json"_s;
        const auto r = runScript({u"--device"_s, u"cpu"_s, u"--worker"_s, sfttest::cliPath(), u"--work"_s, work,
                                  u"--report"_s, reportPath},
                                 800);
        QVERIFY2(r.finished && r.exitCode == 0, tail(r).constData());
        const QJsonObject report = readReport(reportPath);
        QVERIFY2(!report.isEmpty(), "no report written");
        verifyPassingReport(report, r.out);
        if (QTest::currentTestFailed())
            return;
        const QJsonObject build = child(report, u"build"_s);
        QVERIFY(build.value(u"skipped"_s).toString().contains(u"--worker"_s));
        QVERIFY(build.value(u"worker_version"_s).toString().contains(u"LibTorch"_s));
        // The summary is written beside the report (after every step; this is the last one).
        QVERIFY(sfttest::readFile(work + u"/report.md"_s).startsWith("## GPU check: PASS"));
    }

    /** A deadline already past when the steps begin: every step is skipped and recorded, and it fails. */
    void deadlineSkipsSteps()
    {
        const QString work = QStringLiteral(SFT_BINARY_DIR "/gpu_check_work_deadline");
        QDir(work).removeRecursively();
        const auto r = runScript({u"--device"_s, u"cpu"_s, u"--worker"_s, sfttest::cliPath(), u"--work"_s, work,
                                  u"--deadline"_s, u"0.001"_s},
                                 300);
        QVERIFY2(r.finished && r.exitCode == 1, tail(r).constData());
        const QJsonObject report = readReport(work + u"/report.json"_s);
        QVERIFY2(!report.isEmpty(), "no report written");
        QVERIFY(!report.value(u"ok"_s).toBool());
        QCOMPARE(report.value(u"state"_s).toString(), u"complete"_s);
        const QJsonObject skipped = report.value(u"skipped_steps"_s).toObject();
        for (const QString &step : {u"worker_info"_s, u"setup"_s, u"parity"_s, u"reference"_s, u"speed_setup"_s,
                                    u"speed_lora"_s, u"python_lora"_s, u"speed_full"_s, u"python_full"_s,
                                    u"checkpointing"_s, u"kernels"_s})
            QVERIFY2(skipped.value(step).toString() == u"deadline"_s, qPrintable(step));
        for (const QString &section : {u"parity"_s, u"reference"_s, u"speed"_s, u"checkpointing"_s})
            QCOMPARE(child(report, section).value(u"skipped"_s).toString(), u"deadline"_s);
        const auto checks = checksByName(report);
        QVERIFY(checks.contains(u"deadline"_s));
        QVERIFY(!checks[u"deadline"_s].value(u"ok"_s).toBool());
        QVERIFY(!checks.contains(u"worker_runs"_s));  // nothing ran
        QVERIFY(r.out.contains("| deadline | **FAIL** |"));
    }

    /** Options that cannot work together, or a deadline that is no number: exit 2 at once, with why. */
    void badOptionsFail()
    {
        const auto both = runScript({u"--device"_s, u"cpu"_s, u"--build-only"_s, u"--worker"_s, sfttest::cliPath()}, 60);
        QVERIFY2(both.finished && both.exitCode == 2, tail(both).constData());
        QVERIFY(both.err.contains("--build-only and --worker"));
        const auto deadline = runScript({u"--device"_s, u"cpu"_s, u"--deadline"_s, u"soon"_s}, 60);
        QVERIFY2(deadline.finished && deadline.exitCode == 2, tail(deadline).constData());
        QVERIFY(deadline.err.contains("--deadline must be a number"));
    }

    /**
     * cuda mode against a LibTorch without CUDA (this machine's, through a python that claims a CUDA
     * torch): the build fails right after CMake's configure, whose status line says CUDA=OFF, and
     * compiles nothing; without any nvcc it stops before that, naming where it looked.
     */
    void cudaModeNeedsCudaLibTorch()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QByteArray body = "case \"$*\" in *torch.version.cuda*) exit 0 ;; esac\n"
                                "exec /usr/bin/python3 \"$@\"\n";
        const QString fakePython = sfttest::writeShellScript(tmp.filePath(u"python"_s), body);
        QVERIFY(!fakePython.isEmpty());
        const QString work = tmp.filePath(u"work"_s);
        const auto r = runScript({u"--device"_s, u"cuda"_s, u"--build-only"_s, u"--python"_s, fakePython,
                                  u"--work"_s, work, u"--build-dir"_s, tmp.filePath(u"build"_s)},
                                 600);
        QVERIFY2(r.finished, tail(r).constData());
        const bool nvcc = !QStandardPaths::findExecutable(u"nvcc"_s).isEmpty()
                          || QFileInfo(qEnvironmentVariable("CUDA_HOME") + u"/bin/nvcc"_s).isExecutable()
                          || QFileInfo(u"/usr/local/cuda/bin/nvcc"_s).isExecutable();
        if (!nvcc) {
            QVERIFY2(r.exitCode == 2, tail(r).constData());
            QVERIFY2(r.err.contains("nvcc") && r.err.contains("/usr/local/cuda/bin"), tail(r).constData());
            return;
        }
        QVERIFY2(r.exitCode == 1, tail(r).constData());
        const QJsonObject build = readReport(work + u"/build.json"_s);
        QVERIFY2(!build.isEmpty(), "no build.json written");
        QVERIFY(!build.value(u"ok"_s).toBool());
        QVERIFY2(build.value(u"error"_s).toString().contains(u"CUDA=ON"_s), tail(r).constData());
        QVERIFY(build.value(u"cmake_status"_s).toString().contains(u"CUDA=OFF"_s));
        QVERIFY(!QFileInfo::exists(work + u"/report.json"_s));  // --build-only: no check ran
        QVERIFY(!sfttest::readFile(work + u"/build.log"_s).contains("Building CXX"));  // nothing compiled
    }

    /**
     * A worker whose `logits` computes in bf16 instead of the fp32 the script asks for: the logits
     * comparisons must fail (exit 1, report not ok) and be named, while the training checks still pass.
     */
    void wrongLogitsFail()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QByteArray body = "if [ \"$1\" = logits ]; then\n"
                                "  for a; do shift; [ \"$a\" = fp32 ] && a=bf16; set -- \"$@\" \"$a\"; done\n"
                                "fi\n"
                                "exec '" + sfttest::cliPath().toUtf8() + "' \"$@\"\n";
        const QString fake = sfttest::writeShellScript(tmp.filePath(u"fake-worker"_s), body);
        QVERIFY(!fake.isEmpty());
        const QString work = QStringLiteral(SFT_BINARY_DIR "/gpu_check_work_negative");
        QDir(work).removeRecursively();
        const auto r = runScript({u"--device"_s, u"cpu"_s, u"--worker"_s, fake, u"--work"_s, work, u"--quick"_s},
                                 800);
        QVERIFY2(r.finished, tail(r).constData());
        QVERIFY2(r.exitCode == 1, tail(r).constData());
        const QJsonObject report = readReport(work + u"/report.json"_s);
        QVERIFY2(!report.isEmpty(), "no report written");
        QVERIFY(!report.value(u"ok"_s).toBool());
        const auto checks = checksByName(report);
        for (const QString &name : {u"reference_llama"_s, u"reference_qwen2"_s, u"adapter_logits"_s}) {
            QVERIFY2(checks.contains(name), qPrintable(name));
            QVERIFY2(!checks[name].value(u"ok"_s).toBool(), qPrintable(name + u" passed with bf16 logits"_s));
            QVERIFY2(checks[name].value(u"value"_s).toDouble() > kLimit, qPrintable(name));
            const QByteArray row = "| " + name.toUtf8() + " | **FAIL** |";
            QVERIFY2(r.out.contains(row), row.constData());
        }
        QVERIFY(checks.value(u"train_finite_lora_ref"_s).value(u"ok"_s).toBool());
        QVERIFY(checks.value(u"lora_b_nonzero"_s).value(u"ok"_s).toBool());
        QVERIFY(r.out.contains("## GPU check: FAIL"));
    }

    /** The whole script, its own Qt-free Release build included (CTest entry test_gpu_check_build only). */
    void scriptBuildsItsOwnWorker()
    {
        if (qEnvironmentVariable("SFT_GPU_CHECK_BUILD") != u"1"_s)
            QSKIP("the build run is the CTest entry test_gpu_check_build (SFT_GPU_CHECK_BUILD=1)");
        const QString buildDir = QStringLiteral(SFT_BINARY_DIR "/gpu_check_build");
        const QString work = QStringLiteral(SFT_BINARY_DIR "/gpu_check_build_work");
        QDir(work).removeRecursively();
        const QString worker = buildDir + u"/app/sftbench-cli"_s;
        // First call: --build-only builds and records, and runs no check.
        const auto built = runScript({u"--device"_s, u"cpu"_s, u"--build-dir"_s, buildDir, u"--work"_s, work,
                                      u"--build-only"_s},
                                     2700);
        QVERIFY2(built.finished && built.exitCode == 0, tail(built).constData());
        QVERIFY(QFileInfo(worker).isExecutable());
        QVERIFY(!QFileInfo::exists(work + u"/report.json"_s));
        // Second call: the checks with that worker; the report keeps the first call's build record.
        const auto r = runScript({u"--device"_s, u"cpu"_s, u"--worker"_s, worker, u"--work"_s, work}, 600);
        QVERIFY2(r.finished && r.exitCode == 0, tail(r).constData());
        const QJsonObject report = readReport(work + u"/report.json"_s);
        const QJsonObject build = child(report, u"build"_s);
        QVERIFY(build.value(u"ok"_s).toBool());
        QVERIFY(build.value(u"seconds"_s).toDouble() > 0);
        QVERIFY(build.value(u"note"_s).toString().contains(u"--build-only"_s));
        QCOMPARE(build.value(u"worker"_s).toString(), worker);
        QVERIFY(build.value(u"cmake_args"_s).toArray().contains(QJsonValue(u"-DSFTBENCH_GUI=OFF"_s)));
        QVERIFY(build.value(u"cmake_status"_s).toString().startsWith(u"SFT Workbench:"_s));
        QVERIFY(checksByName(report).value(u"build"_s).value(u"ok"_s).toBool());
        verifyPassingReport(report, r.out);
    }
};

QTEST_GUILESS_MAIN(TestGpuCheck)
#include "test_gpu_check.moc"
