#!/usr/bin/env bash
# Builds Easel's libFuzzer targets and runs each for FUZZ_SECONDS (default 60), printing the
# executions and crashes per target. Built with swiftc directly (-sanitize=fuzzer,address),
# not SwiftPM, so only the parsers' own sources are compiled: EaselImage whole (with its two C
# shims), and the few EaselCore files the text parsers need. Seeds are Tests/fuzz/corpus/<target>/;
# new inputs go to .build-fuzz/corpus/<target>/ and crashes to .build-fuzz/crashes/<target>/.
#   FUZZ_SECONDS=600 ./scripts/fuzz.sh            # the notes' 10-minute runs
#   FUZZ_TARGETS="sse toml" ./scripts/fuzz.sh      # some targets only
#   ./scripts/fuzz.sh build                         # build only
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${FUZZ_SECONDS:-60}
IMAGE_TARGETS="decoders metadata"
CORE_TARGETS="sanitizer sse retry-after toml form multipart"
TARGETS=${FUZZ_TARGETS:-"$IMAGE_TARGETS $CORE_TARGETS"}
OUT=.build-fuzz
SANITIZE=${FUZZ_SANITIZE:-fuzzer,address}
mkdir -p "$OUT/obj" "$OUT/include"

# gold warns once per ASan register helper it cannot export; those lines say nothing.
quiet() { grep -v 'Cannot export local symbol' || true; }

build() {
    local started=$SECONDS
    for shim in CEaselPNGShim CEaselJPEGShim; do
        for source in Sources/$shim/*.c; do
            clang -c -O1 -g -fsanitize=fuzzer-no-link,address -I "Sources/$shim/include" "$source" \
                -o "$OUT/obj/$(basename "$source" .c).o"
        done
        mkdir -p "$OUT/include/$shim"
        printf 'module %s {\n    header "%s"\n    export *\n}\n' "$shim" "$PWD/$(ls Sources/$shim/include/*.h)" \
            > "$OUT/include/$shim/module.modulemap"
    done
    # shellcheck disable=SC2046
    swiftc -sanitize="$SANITIZE" -parse-as-library -swift-version 6 -Onone -g -module-name EaselFuzzImage \
        -I Sources/CPNG -I Sources/CJPEG -I Sources/CWebP -I Sources/CZlib \
        -I "$OUT/include/CEaselPNGShim" -I "$OUT/include/CEaselJPEGShim" \
        $(find Sources/EaselImage -name '*.swift' | sort) Tests/fuzz/FuzzImage.swift "$OUT"/obj/*.o \
        -lpng16 -ljpeg -o "$OUT/fuzz-image" 2>&1 | quiet
    local core=Sources/EaselCore
    swiftc -sanitize="$SANITIZE" -parse-as-library -swift-version 6 -Onone -g -module-name EaselFuzzCore \
        $core/Transport/SSEParser.swift $core/Transport/SSEEvent.swift $core/Transport/SSEParseError.swift \
        $core/Transport/RetryAfter.swift $core/Config/TOML.swift $core/Config/TOMLParser.swift \
        $core/Config/TOMLParser+Values.swift $core/Text/TerminalText.swift $core/Text/DisplayText.swift \
        $core/Text/CharacterWidth.swift $core/Text/CharacterWidth+Tables.swift $core/Providers/FormEncoding.swift Sources/EaselSandbox/Forms/FormDecoding.swift \
        Sources/EaselSandbox/Forms/MultipartForm.swift \
        Tests/fuzz/FuzzCore.swift -o "$OUT/fuzz-core" 2>&1 | quiet
    echo "fuzz build: $((SECONDS - started)) s"
}

# Rebuilt only when a source the targets compile (or this script) is newer than the binaries.
stale() {
    [ ! -x "$OUT/fuzz-image" ] || [ ! -x "$OUT/fuzz-core" ] || [ -n "$(find Sources/EaselImage Sources/CEaselPNGShim \
        Sources/CEaselJPEGShim Sources/EaselCore Sources/EaselSandbox/Forms Tests/fuzz/*.swift scripts/fuzz.sh -newer "$OUT/fuzz-image" \
        -type f -print -quit)" ]
}
if [ "${1:-}" = build ] || stale; then build; fi
[ "${1:-}" = build ] && exit 0

printf '%-12s %8s %12s %8s\n' target seconds executions crashes
failed=0
for target in $TARGETS; do
    binary=$OUT/fuzz-core
    case " $IMAGE_TARGETS " in *" $target "*) binary=$OUT/fuzz-image ;; esac
    mkdir -p "$OUT/corpus/$target" "$OUT/crashes/$target"
    log=$OUT/$target.log
    touch "$OUT/.run-start"
    set +e
    # No leak checks: swift-corelibs-foundation keeps caches (DateFormatter's character sets)
    # that LeakSanitizer reports as leaks on exit; crashes, overflows and hangs still count.
    # FUZZ_RUNS (the smoke run in `make test`): that many inputs from a fixed seed, so CI sees
    # the same inputs on every run of a commit and fails only when a change breaks one of them;
    # discovery (new random inputs for FUZZ_SECONDS) is `make fuzz`'s job.
    if [ -n "${FUZZ_RUNS:-}" ]; then budget="-runs=$FUZZ_RUNS -seed=1 -max_total_time=$SECONDS_EACH"
    else budget="-max_total_time=$SECONDS_EACH"; fi
    # shellcheck disable=SC2086
    FUZZ_TARGET=$target "$binary" $budget -max_len=65536 -rss_limit_mb=2048 \
        -timeout=10 -detect_leaks=0 -artifact_prefix="$OUT/crashes/$target/" -print_final_stats=1 \
        "$OUT/corpus/$target" "Tests/fuzz/corpus/$target" >"$log" 2>&1
    status=$?
    set -e
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    # A slow unit is not a crash: libFuzzer keeps any input that took long (a busy machine can
    # make a 0.3 s input take 11 s); it is named, and timed again alone, but fails nothing.
    crashes=$(find "$OUT/crashes/$target" -type f -newer "$OUT/.run-start" ! -name 'slow-unit-*' | wc -l)
    printf '%-12s %8s %12s %8s\n' "$target" "$SECONDS_EACH" "${runs:-?}" "$crashes"
    for slow in $(find "$OUT/crashes/$target" -type f -newer "$OUT/.run-start" -name 'slow-unit-*'); do
        started_slow=$(date +%s%N)
        FUZZ_TARGET=$target "$binary" "$slow" >/dev/null 2>&1 || true
        echo "    slow unit $(basename "$slow"): $(( ($(date +%s%N) - started_slow) / 1000000 )) ms alone"
    done
    if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ]; then
        failed=1
        grep -m3 -E 'ERROR|Fatal error|panic|SUMMARY' "$log" | sed 's/^/    /' || true
    fi
done
exit $failed
