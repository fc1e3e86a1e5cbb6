// Time sources for the core: wall-clock milliseconds, and the hybrid logical clock that orders changes.
// The HLC packs 48 bits of milliseconds and a 16-bit counter into one integer, so (hlc, device) totally orders
// every change ever made on any device. A remote timestamp far in the future (a laptop set to 2030) may pull the
// HLC at most kMaxClockAheadMs ahead of the wall clock: see "Clock skew" in docs/sync-format.md.
#pragma once

#include <cstdint>

namespace core {

class Clock {
public:
    virtual ~Clock() = default;
    virtual int64_t nowMs() = 0;
};

class SystemClock final : public Clock {
public:
    int64_t nowMs() override;
};

// How far ahead of this device's wall clock an observed timestamp may move the HLC.
constexpr int64_t kMaxClockAheadMs = 60 * 60 * 1000;

class HybridLogicalClock {
public:
    explicit HybridLogicalClock(Clock& wall) : wall_(wall) {}
    uint64_t tick();                 // a timestamp for a local change, greater than every one observed so far
    // Remember a remote timestamp, so later local ticks order after it; never beyond kMaxClockAheadMs ahead of now.
    void observe(uint64_t remote);
    uint64_t last() const { return last_; }
    int64_t wallMs() { return wall_.nowMs(); }
    static int64_t millisOf(uint64_t hlc) { return int64_t(hlc >> 16); }
    static uint64_t fromMillis(int64_t ms) { return uint64_t(ms < 0 ? 0 : ms) << 16; }

private:
    Clock& wall_;
    uint64_t last_ = 0;
};

}  // namespace core
