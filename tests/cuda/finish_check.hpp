// Host entry of the device check that the tuned kernels' post-op equals core's finishValue.
#pragma once

#include <cstdint>

namespace convis::test {

struct FinishCheck {
    std::uint64_t compared = 0;
    std::uint64_t mismatches = 0;
    float firstSum = 0.0f;  // the first mismatching input, for the failure message
    int firstExpected = 0;
    int firstActual = 0;
};

// Compares finishChannelBits with finishValue on the device for every integer sum in
// [-300000, 300000] and 2^24 random finite floats, under one divisor / offset / abs setting.
FinishCheck runFinishCheck(float divisor, float offset, bool absolute);

// Compares the integer post-op (finishIntegerBits) with finishValue on the device for every
// integer sum in [-(2^24 - 1), 2^24 - 1]. Returns false (and checks nothing) when
// configureIntegerFinish does not enable that post-op for this divisor and offset.
bool runIntegerFinishCheck(float divisor, float offset, bool absolute, FinishCheck& out);

}  // namespace convis::test
