#!/bin/sh
# A fake `sftbench-cli self-instruct` for tests/widgets/generate/test_generatepanel.cpp:
# it speaks the worker protocol of the Generate panel. "self-instruct --run DIR
# [--config FILE] [--workspace WS --dataset NAME]" appends its arguments to
# DIR/args.txt, writes the API key it finds in $SFTBENCH_API_KEY to
# $FAKE_KEY_OUT (so the test sees that the key came through the environment
# only), copies --config to DIR/config.json, writes worker.pid, then appends
# start / request / candidate / progress events to DIR/events.jsonl every
# 20 ms until $FAKE_CANDIDATES candidates were decided ("done", reason
# "target"). On SIGTERM it writes "done" with reason "stopped" and exits 0; a
# second start on the same folder continues after the last candidate. Its file
# name contains "sftbench-cli", as the GUI's live-worker check expects.
if [ "$1" != "self-instruct" ]; then echo "fake: unknown command $1" >&2; exit 2; fi
all="$*"
dir="$3"
shift 3
config=""
while [ $# -gt 0 ]; do
  case "$1" in
    --config) config="$2"; shift 2 ;;
    *) shift ;;
  esac
done
ev="$dir/events.jsonl"
echo "$all" >> "$dir/args.txt"
if [ -n "$FAKE_KEY_OUT" ]; then printf '%s' "$SFTBENCH_API_KEY" > "$FAKE_KEY_OUT"; fi
resumed=false
if [ -f "$dir/config.json" ]; then resumed=true; fi
if [ -n "$config" ]; then cp "$config" "$dir/config.json"; fi
echo $$ > "$dir/worker.pid"
n=0
req=0
if [ -f "$dir/last_n" ]; then n=$(cat "$dir/last_n"); req=$n; fi
total=${FAKE_CANDIDATES:-12}
trap 'printf "{\"event\":\"done\",\"reason\":\"stopped\",\"kept\":%d}\n" $n >> "$ev"; rm -f "$dir/worker.pid"; exit 0' TERM
printf '{"event":"start","run":"%s","resumed":%s,"seeds":3,"pool":3,"backend":"fake"}\n' "$dir" $resumed >> "$ev"
while [ $n -lt $total ]; do
  req=$((req+1))
  printf '{"event":"request","id":%d,"kind":"instructions","ok":true,"prompt_tokens":100,"completion_tokens":50,"attempts":1,"seconds":0.01}\n' $req >> "$ev"
  n=$((n+1))
  # Every third candidate is rejected (rouge, then length, alternating); verbs cycle write / classify / explain / write.
  case $((n % 4)) in
    1|0) verb="Write" ;;
    2) verb="Classify" ;;
    3) verb="Explain" ;;
  esac
  if [ "$verb" = "Classify" ]; then cls=true; else cls=false; fi
  if [ $((n % 3)) -eq 0 ]; then
    if [ $((n % 6)) -eq 0 ]; then rule="length"; else rule="rouge"; fi
    kept=false
  else
    rule=""
    kept=true
  fi
  printf '{"event":"candidate","id":%d,"instruction":"%s task number %d.","kept":%s,"rule":"%s","reason":"fake reason %d","reason_args":{},"rouge_best":0.%d5,"nearest":"a seed","is_classification":%s,"instances":[{"input":"in %d a","output":"out %d a"},{"input":"","output":"out %d b"}]}\n' \
    $n "$verb" $n $kept "$rule" $n $((n % 10)) $cls $n $n $n >> "$ev"
  echo $n > "$dir/last_n"
  printf '{"event":"progress","requests":%d,"prompt_tokens":%d,"completion_tokens":%d,"candidates":%d,"kept":0,"rejected":{},"classification":0,"pool":%d}\n' \
    $req $((req*100)) $((req*50)) $n $((3+n)) >> "$ev"
  sleep 0.02
done
printf '{"event":"done","reason":"target","kept":%d}\n' $n >> "$ev"
rm -f "$dir/worker.pid"
