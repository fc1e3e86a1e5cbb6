// Time sources for the core: wall-clock milliseconds, and the hybrid logical clock that orders changes.
// The HLC packs 48 bits of milliseconds and a 16-bit counter into one integer, so (hlc, device) totally orders
// every change ever made on any device.
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

class HybridLogicalClock {
public:
    explicit HybridLogicalClock(Clock& wall, uint64_t last = 0) : wall_(wall), last_(last) {}
    uint64_t tick();                 // a timestamp for a local change, greater than every one seen so far
    void observe(uint64_t remote);   // remember a remote timestamp, so later local ticks order after it
    uint64_t last() const { return last_; }
    static int64_t millisOf(uint64_t hlc) { return int64_t(hlc >> 16); }

private:
    Clock& wall_;
    uint64_t last_;
};

}  // namespace core
