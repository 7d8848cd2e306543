#!/usr/bin/env bash
# Takes the README's screenshots again: every tab, the dataset catalogue window
# and Help ▸ About (from the installed package), in English and Simplified Chinese, from the real application under
# Xvfb on a fresh demo workspace (the Prompt, In-context, Training and Context
# experiments tabs run the demo model first, so this takes a few minutes). The Generate tab shows a
# real `sftbench-cli self-instruct` run from the real seed tasks (../shared/data, or
# $SFT_SHARED_DATA_DIR) against a small local OpenAI-compatible endpoint that
# replays Alpaca's generated tasks (python3); without the data that tab is
# skipped. Usage: scripts/screenshots.sh [BUILD_DIR] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
OUT=${2:-resources/screenshots}
mkdir -p "$OUT"
DATA=${SFT_SHARED_DATA_DIR:-../shared/data}

# An OpenAI-compatible /v1/completions endpoint on 127.0.0.1:$1 that answers the
# Self-Instruct prompts with Alpaca's tasks ($2: the Alpaca JSON file) in a
# fixed shuffled order: new instructions, "Yes" for tasks with a one-word
# answer, the task's own input and output as its instance.
replay_endpoint() {
  exec python3 - "$1" "$2" <<'EOF'
import json, random, re, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
tasks = json.load(open(sys.argv[2], encoding="utf-8"))
random.Random(7).shuffle(tasks)
by_instruction = {t["instruction"].strip(): t for t in tasks}
cursor = [0]
def reply(prompt):
    zh = "任务" in prompt
    if prompt.startswith("We are building") or prompt.startswith("我们正在"):
        nxt = int(re.findall(r"(\d+)\.\s*$", prompt)[-1])
        items = []
        for i in range(6):
            items.append(tasks[cursor[0] % len(tasks)]["instruction"].strip().replace("\n", " "))
            cursor[0] += 1
        return " " + "".join(t if i == 0 else "\n%d. %s" % (nxt + i, t) for i, t in enumerate(items)) + "\n"
    task = by_instruction.get(re.findall(r"(?:Task: |任务：)(.*)", prompt)[-1].strip(), {"input": "", "output": "?"})
    out = task["output"].strip()
    short = len(out.split()) <= 1 and len(out) <= 12
    if prompt.endswith("Is it classification?") or prompt.endswith("是否为分类任务？"):
        return (" 是" if zh else " Yes") if short else (" 否" if zh else " No")
    inp = task["input"].strip() or ("<无输入>" if zh else "<noinput>")
    if prompt.startswith("The task below is a classification") or prompt.startswith("下面是一个分类任务"):
        return ("类别：%s\n输入：%s\n" if zh else "Class label: %s\nInput: %s\n") % (out, inp)
    return ("示例 1\n输入：%s\n输出：%s\n" if zh else "Example 1\nInput: %s\nOutput: %s\n") % (inp, out)
class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        text = reply(body.get("prompt", ""))
        out = json.dumps({"id": "replay", "object": "text_completion", "model": "alpaca-replay",
                          "choices": [{"index": 0, "text": text, "finish_reason": "stop"}],
                          "usage": {"prompt_tokens": len(body.get("prompt", "")) // 4,
                                    "completion_tokens": len(text) // 4,
                                    "total_tokens": (len(body.get("prompt", "")) + len(text)) // 4}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
EOF
}

# The Generate tab: one self-instruct run into the demo workspace of home $1, then the screenshot.
generate_shot() {
  local home=$1 lang=$2 seeds alpaca language ws port pid run
  if [ "$lang" = en ]; then
    seeds=$DATA/seed_tasks.jsonl alpaca=$DATA/alpaca_en_52k.json language=en
  else
    seeds=$DATA/belle/zh_seed_tasks.json alpaca=$DATA/alpaca_zh_52k.json language=zh
  fi
  ws=$(find "$home" -name demo.sftws | head -n 1)
  if [ ! -f "$seeds" ] || [ ! -f "$alpaca" ] || [ -z "$ws" ] || ! command -v python3 >/dev/null; then
    echo "screenshots: no seed or Alpaca data (or python3): generate_${lang}.png skipped" >&2
    return 0
  fi
  port=$((20000 + RANDOM % 20000))
  replay_endpoint "$port" "$alpaca" &
  pid=$!
  sleep 3
  run="$(dirname "$ws")/demo.generate/$(date +%Y%m%d-%H%M%S)-self-instruct"
  mkdir -p "$run"
  cat > "$run/config.request.json" <<EOF
{"backend": {"kind": "openai", "base_url": "http://127.0.0.1:$port/v1", "model": "alpaca-replay", "concurrency": 4},
 "seeds": "$(realpath "$seeds")", "language": "$language", "target": 60, "seed": 42}
EOF
  # gui.json: the dataset the Generate tab's "Review in Curation" opens (the key comes from the environment).
  printf '{"dataset": "generated", "api_key": "environment"}\n' > "$run/gui.json"
  HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
    timeout 300 "$BUILD/app/sftbench-cli" self-instruct --run "$run" --config "$run/config.request.json" \
    --workspace "$ws" --dataset generated > /dev/null || echo "screenshots: the generation run failed" >&2
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  local args=(--demo --tab generate --screenshot "$OUT/generate_${lang}.png")
  [ "$lang" != en ] && args+=(--lang "$lang")
  HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
    timeout 600 xvfb-run -a -s "-screen 0 1400x900x24" "$BUILD/app/sftbench" "${args[@]}"
  echo "screenshots: $OUT/generate_${lang}.png"
}
for lang in en zh_CN; do
  # One fresh home per language: the demo workspace, its demo model and one finished training run.
  home=$(mktemp -d)
  for tab in curation quality prompt icl training catalogue; do
    args=(--demo --screenshot "$OUT/${tab}_${lang}.png")
    [ "$tab" != curation ] && args+=(--tab "$tab")
    [ "$lang" != en ] && args+=(--lang "$lang")
    HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
      timeout 600 xvfb-run -a -s "-screen 0 1400x900x24" "$BUILD/app/sftbench" "${args[@]}"
    echo "screenshots: $OUT/${tab}_${lang}.png"
  done
  # Help ▸ About of the installed package (its worker and translations paths are what a user sees):
  # scripts/package-deb.sh, then apt install the .deb; without it this shot is left as it is.
  if [ -x /usr/bin/sftbench ]; then
    args=(--demo --tab about --screenshot "$OUT/about_${lang}.png")
    [ "$lang" != en ] && args+=(--lang "$lang")
    HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
      timeout 600 xvfb-run -a -s "-screen 0 1400x900x24" /usr/bin/sftbench "${args[@]}"
    echo "screenshots: $OUT/about_${lang}.png"
  else
    echo "screenshots: about_${lang}.png needs the installed package (/usr/bin/sftbench); left as it is" >&2
  fi
  # The conversation view: the demo's running-advice conversation (row 35) selected in Curation.
  args=(--demo --tab curation --select-row 35 --screenshot "$OUT/conversation_${lang}.png")
  [ "$lang" != en ] && args+=(--lang "$lang")
  HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
    timeout 600 xvfb-run -a -s "-screen 0 1400x900x24" "$BUILD/app/sftbench" "${args[@]}"
  echo "screenshots: $OUT/conversation_${lang}.png"
  # The Context tab: the RoPE and ALiBi pictures, then the experiments (base and linear x2 on the demo model).
  for shot in "rope:--context-page rope" "alibi:--context-model alibi --context-page alibi" \
              "experiments:--context-page experiments"; do
    name=${shot%%:*}
    read -r -a extra <<< "${shot#*:}"
    args=(--demo --tab context "${extra[@]}" --screenshot "$OUT/context_${name}_${lang}.png")
    [ "$lang" != en ] && args+=(--lang "$lang")
    HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
      timeout 900 xvfb-run -a -s "-screen 0 1400x900x24" "$BUILD/app/sftbench" "${args[@]}"
    echo "screenshots: $OUT/context_${name}_${lang}.png"
  done
  generate_shot "$home" "$lang"
  rm -rf "$home"
done
