#!/usr/bin/env python3
"""The GPU check's report: the last checks (every expected field present) and the Markdown summary
that scripts/gpu-check.sh prints at the end (and bench/gpu/README.md quotes).

  report.py REPORT.json      prints the summary of a written report again
"""
import json
import sys

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__

TOP_FIELDS = ("device", "torch", "cuda", "gpu_name", "build", "parity", "reference", "speed", "checkpointing",
              "checks", "ok")
RUN_FIELDS = ("tokens_per_s", "flops_per_token", "memory_estimate_bytes", "losses", "trainable_parameters")


def missing_fields(report):
    """The fields a complete report must have (dotted names), for the report_fields check. A section
    or run that was skipped (an earlier failure, the deadline, --quick) says so instead; the failure
    has its own check, and the deadline its own rule (run_check.py)."""
    missing = [k for k in TOP_FIELDS if k not in report]
    par = report.get("parity", {})
    if "skipped" not in par:
        for k in ("mode", "models"):
            if k not in par:
                missing.append("parity." + k)
        for k in ("llama", "qwen2"):
            if k not in par.get("models", {}):
                missing.append("parity.models." + k)
    ref = report.get("reference", {})
    if "skipped" not in ref:
        for k in ("source", "models", "lora"):
            if k not in ref:
                missing.append("reference." + k)
    sp = report.get("speed", {})
    if "skipped" in sp:
        return missing
    if "runs" not in sp:
        missing.append("speed.runs")
    for method, r in sp.get("runs", {}).items():
        if "skipped" in r or "failed" in r:
            continue
        missing += [f"speed.runs.{method}.{k}" for k in RUN_FIELDS if r.get(k) is None]
        rates = ("mfu", "mfu_datasheet") if report.get("device") == "cuda" else ("gflops_per_s",)
        missing += [f"speed.runs.{method}.{k}" for k in rates if r.get(k) is None]
    if "kernels" not in sp:
        missing.append("speed.kernels")
    return missing


def finish(report, checks):
    """Adds the report_fields check, then the check list and the overall ok."""
    missing = missing_fields(report)
    checks.add("report_fields", not missing, ", ".join(missing) if missing else "all present", "no missing field")
    report["checks"] = checks.items
    report["ok"] = checks.ok()


def num(v, fmt="{:,.0f}"):
    if v is None:
        return "–"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, (int, float)):
        return fmt.format(v)
    return str(v)


def mb(v):
    return "–" if v is None else f"{v / 1e6:,.0f}"


def sci(v):
    return "–" if v is None else f"{v:.2e}"


def summary(report):
    """The report as Markdown: environment, checks, parity/reference, speed, profile, kernels."""
    out = []
    b = report.get("build", {})
    state = report.get("state", "complete")
    verdict = ("PASS" if report.get("ok") else "FAIL") if state == "complete" else f"INCOMPLETE ({state})"
    out.append(f"## GPU check: {verdict} (--device {report.get('device')})\n")
    py = report.get("python", {})
    out.append(f"- GPU: {report.get('gpu_name') or 'none'}; torch {report.get('torch')}, CUDA {report.get('cuda') or '–'};"
               f" transformers {py.get('transformers') or '–'}, peft {py.get('peft') or '–'}")
    out.append(f"- worker: {b.get('worker_version', '–').replace(chr(10), '; ')}"
               + (f"; built in {b['seconds']:.0f} s ({b.get('build_dir')}; {b.get('cmake_status') or '–'})"
                  + (f"; {b['note']}" if b.get("note") else "") if "seconds" in b else f"; {b.get('skipped', '')}"))
    secs = report.get("seconds", {})
    out.append("- seconds per step: " + ", ".join(f"{k} {v}" for k, v in secs.items())
               + (f" (deadline {report['deadline_s']:g} s)" if report.get("deadline_s") else " (no deadline)"))
    skipped = report.get("skipped_steps", {})
    if skipped:
        out.append("- skipped steps: " + ", ".join(f"{k} ({v})" for k, v in skipped.items()))
    out.append("\n| check | ok | value | limit |\n|---|---|---|---|")
    for c in report.get("checks", []):
        value = c.get("value")
        value = sci(value) if isinstance(value, float) and not isinstance(value, bool) else value
        note = f" ({c['note'].splitlines()[0]})" if c.get("note") else ""
        value = f"{value if value is not None else ''}{note}".replace("|", "\\|")
        limit = str(c.get("limit") if c.get("limit") is not None else "").replace("|", "\\|")
        out.append(f"| {c['name']} | {'ok' if c['ok'] else '**FAIL**'} | {value} | {limit} |")

    par = report.get("parity", {})
    dev = par.get("device", report.get("device"))
    mode = par.get("mode") or ("cuda vs cpu" if dev == "cuda" else "cpu vs cpu (plumbing only)")
    out.append(f"\n### Parity (worker: {mode})\n")
    if "skipped" in par:
        out.append(f"skipped: {par['skipped']}")
    elif par.get("models"):
        out.append(f"| model | fp32 {dev} vs fp32 cpu: max abs diff (limit {par.get('fp32_limit')}) "
                   f"| bf16 {dev} vs fp32 cpu: max abs diff (relative) | greedy token ids identical |\n|---|---|---|---|")
        for name, p in par["models"].items():
            bf16 = (f"{sci(p['bf16_max_abs_diff'])} ({sci(p.get('bf16_relative'))})" if "bf16_max_abs_diff" in p
                    else "–")
            label = "adapter (`logits --adapter`, the LoRA run)" if name == "adapter" else name
            out.append(f"| {label} | {sci(p.get('fp32_max_abs_diff'))} | {bf16} | {num(p.get('generate_identical'))} |")

    ref = report.get("reference", {})
    out.append(f"\n### Reference (worker fp32 CPU vs {ref.get('source', '–')})\n")
    if "skipped" in ref:
        out.append(f"skipped: {ref['skipped']}")
    else:
        out.append("| model | max abs diff |\n|---|---|")
    for name, r in ref.get("models", {}).items():
        out.append(f"| {name} | {sci(r.get('max_abs_diff'))} |")
    lora = ref.get("lora")
    if lora:
        out.append(f"| LoRA adapter (`logits --adapter` vs {lora.get('adapter_source')}) | {sci(lora.get('adapter_max_abs_diff'))} |")
        out.append(f"| merged (`merge` output in the reference vs `logits --adapter`) | {sci(lora.get('merged_max_abs_diff'))} |")
        out.append(f"\nLoRA run: losses {', '.join(f'{v:.3f}' for v in lora.get('losses', []))}; "
                   f"{lora.get('b_matrices')} B matrices, the smallest largest |B| entry {sci(lora.get('smallest_max_abs_b'))}; "
                   f"adapter moves the logits by up to {sci(lora.get('adapter_vs_base_max_abs_diff'))}")

    sp = report.get("speed", {})
    if "skipped" in sp:
        out.append(f"\nspeed: skipped ({sp['skipped']})")
    st = sp.get("settings", {})
    cuda = report.get("device") == "cuda"
    if sp.get("runs"):
        m = sp.get("model", {})
        out.append(f"\n### Speed ({m.get('preset')}: {num(m.get('matmul_parameters'))} matmul parameters; "
                   f"batch {st.get('batch')} × seq {st.get('seq')}, {st.get('precision')}, steps: 1 warm-up, "
                   f"{st.get('profile_steps')} profiled, {st.get('warmup', 1) - 1} warm-up, {st.get('timed')} timed)\n")
        rate = "MFU of 790 / of 989 TFLOP/s" if cuda else "GFLOP/s"
        mem = "peak CUDA alloc / reserved MB" if cuda else "peak RSS MB"
        out.append(f"| run | tokens/s | FLOPs/token | {rate} | {mem} | estimate MB | python tokens/s "
                   f"| python peak CUDA MB | worker / python |")
        out.append("|---|---|---|---|---|---|---|---|---|")
        for method, r in sp["runs"].items():
            p = sp.get("python", {}).get(method, {})
            py_tps = num(p.get("tokens_per_s")) if "tokens_per_s" in p else f"– ({p.get('skipped', '')})"
            if "tokens_per_s" not in r:
                why = r.get("skipped") or r.get("failed") or "no timed steps"
                out.append(f"| {method} | – ({why.splitlines()[0]}) | | | | | {py_tps} | | |")
                continue
            r_rate = (f"{r['mfu'] * 100:.1f}% / {r.get('mfu_datasheet', 0) * 100:.1f}%" if cuda and r.get("mfu") is not None
                      else num(r.get("gflops_per_s"), "{:,.1f}"))
            r_mem = f"{mb(r.get('cuda_memory_bytes'))} / {mb(r.get('cuda_reserved_bytes'))}" if cuda else mb(r.get("peak_rss_bytes"))
            out.append(f"| {method} | {num(r.get('tokens_per_s'))} | {sci(r.get('flops_per_token'))} | {r_rate} | {r_mem} "
                       f"| {mb(r.get('memory_estimate_bytes'))} | {py_tps} | {mb(p.get('cuda_memory_bytes'))} "
                       f"| {num(p.get('ratio_worker_over_python'), '{:.2f}')} |")
        if cuda:
            out.append("\nMFU = tokens/s × FLOPs/token over 790 TFLOP/s, the bf16 matmul rate measured on H100/H200 "
                       "(the goals' reference); the second figure is over the datasheet's dense bf16 peak, 989 TFLOP/s.")
        engines = {p.get("engine") for p in sp.get("python", {}).values() if p.get("engine")}
        if engines:
            out.append(f"\npython: {'; '.join(sorted(engines))}")
        goals = sp.get("lora_goals")
        if goals:
            def goal(v):
                return "not measured" if v is None else num(v)
            out.append(f"\nLoRA goals (reported, not enforced): ≥ 40% MFU: {goal(goals.get('mfu_40pct'))}; "
                       f"≥ transformers + peft tokens/s: {goal(goals.get('at_least_transformers_peft'))}; "
                       f"peak CUDA memory ≤ transformers + peft's: {goal(goals.get('memory_at_most_transformers_peft'))} "
                       f"({mb(goals.get('worker_cuda_memory_bytes'))} vs "
                       f"{mb(goals.get('transformers_peft_cuda_memory_bytes'))} MB)")
        prof = [(k, r["profile_median_s"]) for k, r in sp["runs"].items() if r.get("profile_median_s")]
        if prof:
            out.append("\n| profiled step (median s) | data | forward (+loss) | backward | optimizer | total |")
            out.append("|---|---|---|---|---|---|")
            for k, p in prof:
                out.append(f"| {k} | " + " | ".join(num(p.get(f), "{:.4f}") for f in
                                                    ("data_s", "forward_s", "backward_s", "optimizer_s", "total_s")) + " |")
    kern = sp.get("kernels", {})
    if kern.get("kernels"):
        out.append(f"\n### Kernels alone ({kern.get('dtype')}, {kern.get('device')})\n")
        out.append("| kernel | shape | forward ms | dgrad / fwd+bwd ms | wgrad ms | forward TFLOP/s |\n|---|---|---|---|---|---|")
        for k in kern["kernels"]:
            if "error" in k:
                out.append(f"| {k['kernel']} | – | {k['error']} | | | |")
                continue
            second = k.get("dgrad_ms", k.get("forward_backward_ms"))
            out.append(f"| {k['kernel']} | {k.get('shape')} | {num(k.get('forward_ms'), '{:.3f}')} | {num(second, '{:.3f}')} "
                       f"| {num(k.get('wgrad_ms'), '{:.3f}')} | {num(k.get('forward_tflops'), '{:.2f}')} |")
        pred = kern.get("predicted_step_s", {})
        out.append(f"\nkernels back to back (attention: {pred.get('attention_used')}): LoRA step "
                   f"{num(pred.get('lora'), '{:.4f}')} s, full step {num(pred.get('full'), '{:.4f}')} s")
    elif kern.get("skipped"):
        out.append(f"\nkernels: skipped ({kern['skipped']})")

    gc = report.get("checkpointing", {})
    if "on" in gc:
        out.append("\n### Gradient checkpointing (LoRA)\n")
        out.append(f"| gradient checkpointing | tokens/s | peak MB ({gc.get('memory_field')}) | estimate MB |\n|---|---|---|---|")
        for k in ("off", "on"):
            out.append(f"| {k} | {num(gc[k].get('tokens_per_s'))} | {mb(gc[k].get('peak_bytes'))} "
                       f"| {mb(gc[k].get('memory_estimate_bytes'))} |")
    elif gc.get("skipped"):
        out.append(f"\ngradient checkpointing: skipped ({gc['skipped']})")
    return "\n".join(out)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        print(summary(json.load(f)))
