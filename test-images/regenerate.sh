#!/usr/bin/env bash
# Regenerates the bundled synthetic SEM test images exactly (fixed seeds; the generator uses its own
# bitmap font and portable random numbers, so the bytes are the same on every machine and JDK).
# Usage (from the repository root):  test-images/regenerate.sh
# Each line is equivalent to `porophase synth ARGS` with the CLI jar.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f target/porophase-cli.jar ]; then
  CP=target/porophase-cli.jar
else
  mvn -B -q -o compile
  mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt
  CP="target/classes:$(cat target/cp.txt)"
fi
synth() { java -Djava.awt.headless=true -cp "$CP" org.porophase.ui.cli.SynthCommand "$@"; }

# 1. Parallel-cylinder cross-section (straight channels), FEI/Thermo Fisher metadata (tag 34682), 60-row info bar.
synth --model cylinders --width 640 --height 480 --pixel-size 0.1 --pore-diameter 3.0 --porosity 0.35 \
      --noise 12 --blur-px 1.0 --info-bar-px 60 --vendor fei --seed 101 --out test-images/sem_cylinders_fei.tif
# 2. Boolean model of overlapping disks (tortuous pores), Zeiss SmartSEM metadata (tag 34118), mild shading.
synth --model boolean --width 640 --height 480 --pixel-size 0.1 --radius 1.5 --porosity 0.45 \
      --noise 14 --blur-px 1.2 --shading 0.15 --info-bar-px 60 --vendor zeiss --seed 202 --out test-images/sem_boolean_zeiss.tif
# 3. Smaller channels at a finer pixel size, TESCAN metadata (tag 50431), 48-row info bar.
synth --model cylinders --width 512 --height 384 --pixel-size 0.04 --pore-diameter 1.6 --porosity 0.3 \
      --noise 10 --blur-px 1.5 --info-bar-px 48 --vendor tescan --seed 303 --out test-images/sem_cylinders_tescan.tif
