#!/bin/sh
# A fake `sftbench-cli` for tests/widgets/training/test_trainingpanel.cpp: it
# speaks the run protocol (README, "The run folder and the worker protocol"). "train --run-dir DIR [--resume]"
# writes worker.pid, appends started / plan / step / eval events every 50 ms
# to DIR/events.jsonl and, on SIGTERM, a checkpoint and "stopped" (then
# exits 0); --resume continues from the step it stopped at. "generate"
# prints the JSON lines of `sftbench-cli generate --json`. Its file name
# contains "sftbench-cli", as the GUI's live-worker check expects.
if [ "$1" = "generate" ]; then
  # One line of arguments per call. With --adapter the "trained" text, without it the "base" text;
  # a prompt of SPACES gives only whitespace.
  echo "$@" >> "$FAKE_GENERATE_ARGS"
  case "$*" in
    *"--prompt SPACES"*) printf '{"text":"  "}\n{"text":"\\n"}\n'
      printf '{"done":true,"finish_reason":"length","text":"  \\n","generated_tokens":2,"decode_seconds":0.1}\n' ;;
    *--adapter*) printf '{"text":"Hello"}\n{"text":" world"}\n'
      printf '{"done":true,"finish_reason":"length","text":"Hello world","generated_tokens":2,"decode_seconds":0.5}\n' ;;
    *) printf '{"text":"base says hi"}\n'
      printf '{"done":true,"finish_reason":"length","text":"base says hi","generated_tokens":3,"decode_seconds":0.5}\n' ;;
  esac
  exit 0
fi
dir="$3"
ev="$dir/events.jsonl"
echo "$@" > "$dir/args.txt"
echo $$ > "$dir/worker.pid"
step=0
resume=false
if [ "$4" = "--resume" ]; then resume=true; step=$(cat "$dir/last_step"); fi
trap 'printf "{\"event\":\"checkpoint\",\"step\":%d,\"path\":\"checkpoints/step-%08d\"}\n{\"event\":\"stopped\",\"step\":%d,\"checkpoint\":\"checkpoints/step-%08d\"}\n" $step $step $step $step >> "$ev"; echo $step > "$dir/last_step"; rm -f "$dir/worker.pid"; exit 0' TERM
# A resumed worker loads its checkpoint before it says "started" (the GUI must not take it for stopped).
if $resume; then sleep 1.5; fi
printf '{"event":"started","pid":%d,"resume":%s,"config":{}}\n' $$ $resume >> "$ev"
if $resume; then printf '{"event":"resumed","step":%d,"checkpoint":"checkpoints/step-%08d"}\n' $step $step >> "$ev"; fi
printf '{"event":"plan","method":"lora","trainable_parameters":12288,"total_parameters":1200000,"share":0.0102,"train_examples":5,"eval_examples":1,"total_steps":1000,"device":"cpu","dtype":"fp32"}\n' >> "$ev"
while [ $step -lt 1000 ]; do
  step=$((step+1))
  printf '{"event":"step","step":%d,"epoch":0.1,"loss":2.%03d,"lr":0.002,"grad_norm":0.5,"tokens":100,"tokens_per_s":1530,"memory_bytes":1610612736,"cuda_memory_bytes":2147483648,"elapsed_s":1,"eta_s":31}\n' $step $((1000-step)) >> "$ev"
  if [ $((step % 5)) -eq 0 ]; then printf '{"event":"eval","step":%d,"eval_loss":1.5}\n' $step >> "$ev"; fi
  sleep 0.05
done
printf '{"event":"finished","step":%d,"outputs":{}}\n' $step >> "$ev"
rm -f "$dir/worker.pid"
