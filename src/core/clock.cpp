// Wall clock and hybrid logical clock. The HLC never goes backwards, even if the wall clock does.
#include "core/clock.h"

#include <chrono>

namespace core {

int64_t SystemClock::nowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

uint64_t HybridLogicalClock::tick() {
    uint64_t wall = fromMillis(wall_.nowMs());
    // Later than both the wall clock and everything seen; the low 16 bits count within one millisecond.
    last_ = wall > last_ ? wall : last_ + 1;
    return last_;
}

void HybridLogicalClock::observe(uint64_t remote) {
    uint64_t limit = fromMillis(wall_.nowMs() + kMaxClockAheadMs);
    if (remote > limit) remote = limit;
    if (remote > last_) last_ = remote;
}

}  // namespace core
