// The backend registry: every backend listed once, the reference available, reasons given.
#include <doctest/doctest.h>

#include <set>

#include "backends/registry.hpp"

using namespace convis;

TEST_CASE("registry: the sequential reference is first and available, the others say why not") {
    const BackendRegistry registry;
    const std::vector<BackendInfo> infos = registry.infos();
    REQUIRE_FALSE(infos.empty());
    CHECK(infos.front().id == "cpu-sequential");
    CHECK(infos.front().available);
    std::set<std::string> ids;
    for (const BackendInfo& info : infos) {
        CAPTURE(info.id);
        ids.insert(info.id);
        CHECK_FALSE(info.label.empty());
        CHECK(registry.find(info.id) != nullptr);
        if (!info.available) {
            CHECK_FALSE(info.reason.empty());
        }
    }
    CHECK(ids.size() == infos.size());
    CHECK(registry.find("nope") == nullptr);
}
