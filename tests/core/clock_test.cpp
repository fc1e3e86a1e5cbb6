// Unit tests of the hybrid logical clock: strictly increasing, even when the wall clock jumps back.
#include <doctest/doctest.h>

#include "core/clock.h"
#include "core/uuid.h"

#include <set>

namespace {
struct FakeClock : core::Clock {
    int64_t ms = 1'700'000'000'000;
    int64_t nowMs() override { return ms; }
};
}  // namespace

TEST_CASE("HLC ticks increase within a millisecond and across a wall clock that goes back") {
    FakeClock wall;
    core::HybridLogicalClock hlc(wall);
    uint64_t a = hlc.tick(), b = hlc.tick();
    CHECK(b == a + 1);
    CHECK(core::HybridLogicalClock::millisOf(a) == wall.ms);
    wall.ms -= 60'000;
    uint64_t c = hlc.tick();
    CHECK(c > b);
    wall.ms += 120'000;
    uint64_t d = hlc.tick();
    CHECK(core::HybridLogicalClock::millisOf(d) == wall.ms);
}

TEST_CASE("HLC orders local ticks after observed remote timestamps") {
    FakeClock wall;
    core::HybridLogicalClock hlc(wall);
    uint64_t remote = (uint64_t(wall.ms + 5000) << 16) + 7;
    hlc.observe(remote);
    CHECK(hlc.tick() == remote + 1);
    hlc.observe(1);  // an older one changes nothing
    CHECK(hlc.tick() == remote + 2);
}

TEST_CASE("UUIDs are version 7, unique, and sort in the order they were made") {
    std::set<std::string> seen;
    std::string previous;
    for (int i = 0; i < 10000; i++) {  // several thousand within one millisecond: the counter must carry over
        std::string id = core::newUuid();
        CHECK(core::isUuid(id));
        CHECK(id[14] == '7');
        CHECK(std::string("89ab").find(id[19]) != std::string::npos);
        CHECK(id > previous);
        CHECK(seen.insert(id).second);
        previous = id;
    }
    CHECK_FALSE(core::isUuid("not-a-uuid"));
    CHECK_FALSE(core::isUuid("123e4567-e89b-12d3-a456-42661417400G"));
}
