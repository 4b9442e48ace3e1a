// The list of every backend convis knows, available or not, in the order the UI shows them.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "backends/backend.hpp"

namespace convis {

class BackendRegistry {
  public:
    BackendRegistry();

    const std::vector<std::unique_ptr<Backend>>& backends() const { return m_backends; }
    // nullptr when no backend has that id.
    Backend* find(std::string_view id) const;
    std::vector<BackendInfo> infos() const;

  private:
    std::vector<std::unique_ptr<Backend>> m_backends;
};

}  // namespace convis
