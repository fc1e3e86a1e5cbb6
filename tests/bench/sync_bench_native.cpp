// The sync benchmark, native side (scripts/bench-sync builds it with the native flavour's core and runs it next to
// the wasm module in Chromium): the workload of sync_bench_workload.h, one JSON line per round on stdout.
// Usage: sync_bench_native [CUSTOMERS=20000] [ROUNDS=3]
#include <cstdio>
#include <cstdlib>
#include <exception>

#include "sync_bench_workload.h"

int main(int argc, char** argv) {
    int customers = argc > 1 ? std::atoi(argv[1]) : 20000;
    int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
    try {
        for (int i = 0; i < rounds; i++) std::printf("%s\n", syncbench::toJson(syncbench::runRound(customers)).c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "sync_bench_native: %s\n", e.what());
        return 1;
    }
    return 0;
}
