// Row bands: the static partition the parallel backend uses and the animation shows.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/row_bands.hpp"

using namespace convis;

TEST_CASE("row bands cover every row exactly once, in thread order, balanced") {
    for (int height : {0, 1, 2, 3, 7, 64, 1081}) {
        for (int threads = 1; threads <= 5; ++threads) {
            CAPTURE(height);
            CAPTURE(threads);
            const std::vector<RowBand> bands = rowBands(height, threads);
            REQUIRE(bands.size() ==
                    static_cast<std::size_t>(std::max(1, std::min(threads, height))));
            std::vector<int> hits(static_cast<std::size_t>(height), 0);
            int smallest = height;
            int largest = 0;
            for (std::size_t t = 0; t < bands.size(); ++t) {
                CHECK(bands[t].thread == static_cast<int>(t));
                smallest = std::min(smallest, bands[t].rowCount);
                largest = std::max(largest, bands[t].rowCount);
                for (int y = bands[t].firstRow; y < bands[t].firstRow + bands[t].rowCount; ++y) {
                    REQUIRE(y >= 0);
                    REQUIRE(y < height);
                    ++hits[static_cast<std::size_t>(y)];
                    CHECK(threadForRow(bands, y) == static_cast<int>(t));
                }
            }
            CHECK(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }));
            CHECK(largest - smallest <= 1);
        }
    }
    CHECK(rowBands(10, 0).size() == 1);
    CHECK(threadForRow(rowBands(10, 2), 10) == -1);
    CHECK_THROWS_AS(rowBands(-1, 2), InputError);
}

TEST_CASE("thread count resolution clamps to 1..cores") {
    CHECK(resolveThreadCount(0, 2) == 2);
    CHECK(resolveThreadCount(-3, 2) == 2);
    CHECK(resolveThreadCount(1, 2) == 1);
    CHECK(resolveThreadCount(3, 2) == 2);
    CHECK(resolveThreadCount(3, 0) == 1);
    CHECK(hardwareThreadCount() >= 1);
}
