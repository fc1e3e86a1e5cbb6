// The sync benchmark's wasm module (scripts/bench-sync): the workload of sync_bench_workload.h, driven from
// tests/bench/sync.html by tests/bench/sync_bench.mjs. Times the core calls in C++ (as the native side does) and
// keeps the exported file so the page can time handing it to JavaScript, as the app's download does.
#include <emscripten.h>

#include <exception>
#include <string>

#include "sync_bench_workload.h"

namespace {
syncbench::State state;
std::string result;
}  // namespace

extern "C" {

// Runs one round with `customers` customers; returns its results as JSON ({"error": …} on failure).
EMSCRIPTEN_KEEPALIVE const char* bench_sync_round(int customers) {
    try {
        result = syncbench::toJson(syncbench::runRound(customers, &state));
    } catch (const std::exception& e) {
        result = std::string("{\"error\":\"") + e.what() + "\"}";
    }
    return result.c_str();
}

// The last round's sync file, in wasm memory.
EMSCRIPTEN_KEEPALIVE const char* bench_sync_file() { return state.fileText.data(); }
EMSCRIPTEN_KEEPALIVE double bench_sync_file_bytes() { return double(state.fileText.size()); }
EMSCRIPTEN_KEEPALIVE void bench_sync_release_file() { std::string().swap(state.fileText); }

}  // extern "C"
