// The customer-data benchmark's wasm module (scripts/bench-data): the workload of data_bench_workload.h, driven
// from tests/bench/data.html by tests/bench/data_bench.mjs. Times the core calls in C++, as the native side does.
#include <emscripten.h>

#include <exception>
#include <string>

#include "data_bench_workload.h"

namespace {
std::string result;
}  // namespace

extern "C" {

// Runs one round with `customers` customers; returns its results as JSON ({"error": …} on failure).
EMSCRIPTEN_KEEPALIVE const char* bench_data_round(int customers) {
    try {
        result = databench::run(customers);
    } catch (const std::exception& e) {
        result = std::string("{\"error\":\"") + e.what() + "\"}";
    }
    return result.c_str();
}

}  // extern "C"
