// The customer-data benchmark, native side (scripts/bench-data builds it with the native flavour's core and runs
// it next to the wasm module in Chromium): the workload of data_bench_workload.h, one JSON line per round on stdout.
// Usage: data_bench_native [CUSTOMERS=100000] [ROUNDS=1]
#include <cstdio>
#include <cstdlib>
#include <exception>

#include "data_bench_workload.h"

int main(int argc, char** argv) {
    int customers = argc > 1 ? std::atoi(argv[1]) : 100000;
    int rounds = argc > 2 ? std::atoi(argv[2]) : 1;
    try {
        for (int i = 0; i < rounds; i++) std::printf("%s\n", databench::run(customers).c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "data_bench_native: %s\n", e.what());
        return 1;
    }
    return 0;
}
