// Kernel text parsing (std::from_chars: locale independent) and shortest round-trip printing.
#include "core/kernel_text.hpp"

#include <charconv>
#include <cmath>
#include <system_error>
#include <vector>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/file_read.hpp"

namespace convis {

namespace {

constexpr std::uint64_t kMaxKernelFileBytes = 1024 * 1024;

struct Row {
    int line = 0;
    std::vector<float> values;
    std::vector<int> columns;  // 1-based column of each value
    int endColumn = 0;         // column just after the last value
};

[[noreturn]] void fail(std::string_view source, int line, int column, const std::string& what) {
    throw InputError(std::string(source) + " line " + std::to_string(line) + ", column " +
                     std::to_string(column) + ": " + what);
}

bool isSeparator(char c) {
    return c == ' ' || c == '\t' || c == ',' || c == '\r' || c == '\f' || c == '\v';
}

float parseNumber(std::string_view token, std::string_view source, int line, int column) {
    std::string_view digits = token;
    // from_chars rejects a leading '+', which people write naturally.
    if (digits.size() > 1 && digits[0] == '+' && digits[1] != '-' && digits[1] != '+') {
        digits.remove_prefix(1);
    }
    float value = 0.0f;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    std::string quoted(1, '\'');  // built by appends: GCC 12 misreports '+' here (-Wrestrict)
    quoted.append(token);
    quoted += '\'';
    if (error == std::errc::result_out_of_range) {
        fail(source, line, column, quoted + " is out of range for a 32-bit float");
    }
    if (error != std::errc() || end != digits.data() + digits.size()) {
        fail(source, line, column, quoted + " is not a number");
    }
    if (!std::isfinite(value)) {
        fail(source, line, column, quoted + ": weights must be finite (no NaN or infinity)");
    }
    if (std::fabs(value) > Kernel::kMaxAbsWeight) {
        fail(source, line, column, quoted + " exceeds 1e6 in magnitude");
    }
    return value;
}

Row parseLine(std::string_view text, int line, std::string_view source) {
    Row row;
    row.line = line;
    const std::size_t hash = text.find('#');
    if (hash != std::string_view::npos) {
        text = text.substr(0, hash);
    }
    std::size_t pos = 0;
    while (pos < text.size()) {
        if (isSeparator(text[pos])) {
            ++pos;
            continue;
        }
        std::size_t end = pos;
        while (end < text.size() && !isSeparator(text[end])) {
            ++end;
        }
        const int column = static_cast<int>(pos) + 1;
        row.values.push_back(parseNumber(text.substr(pos, end - pos), source, line, column));
        row.columns.push_back(column);
        row.endColumn = static_cast<int>(end) + 1;
        pos = end;
    }
    return row;
}

Kernel parseNamed(std::string_view text, std::string_view source) {
    std::vector<Row> rows;
    int line = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t newline = text.find('\n', start);
        const std::size_t end = newline == std::string_view::npos ? text.size() : newline;
        ++line;
        Row row = parseLine(text.substr(start, end - start), line, source);
        if (!row.values.empty()) {
            rows.push_back(std::move(row));
        }
        if (newline == std::string_view::npos) {
            break;
        }
        start = newline + 1;
    }
    if (rows.empty()) {
        fail(source, line, 1, "no weights found (the kernel is empty)");
    }
    const Row& first = rows.front();
    const auto width = first.values.size();
    for (const Row& row : rows) {
        if (row.values.size() > width) {
            fail(source, row.line, row.columns[width],
                 "row has " + std::to_string(row.values.size()) + " numbers, expected " +
                     std::to_string(width) + " as on line " + std::to_string(first.line));
        }
        if (row.values.size() < width) {
            fail(source, row.line, row.endColumn,
                 "row has " + std::to_string(row.values.size()) + " numbers, expected " +
                     std::to_string(width) + " as on line " + std::to_string(first.line));
        }
    }
    const auto maxSide = static_cast<std::size_t>(Kernel::kMaxSide);
    if (width > maxSide) {
        fail(source, first.line, first.columns[maxSide],
             "rows have " + std::to_string(width) + " numbers; at most " + std::to_string(maxSide) +
                 " are allowed");
    }
    if (rows.size() > maxSide) {
        fail(source, rows[maxSide].line, 1,
             "the kernel has " + std::to_string(rows.size()) + " rows; at most " +
                 std::to_string(maxSide) + " are allowed");
    }
    if (width % 2 == 0) {
        fail(source, first.line, first.endColumn,
             "rows have " + std::to_string(width) +
                 " numbers; the width must be odd so the kernel has a centre");
    }
    if (rows.size() % 2 == 0) {
        fail(source, rows.back().line, 1,
             "the kernel has " + std::to_string(rows.size()) +
                 " rows; the height must be odd so the kernel has a centre");
    }
    std::vector<float> weights;
    for (const Row& row : rows) {
        weights.insert(weights.end(), row.values.begin(), row.values.end());
    }
    return Kernel(static_cast<int>(width), static_cast<int>(rows.size()), std::move(weights));
}

std::string shortest(float value) {
    char buffer[32];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (error != std::errc()) {
        return "0";  // unreachable: 32 bytes hold any float
    }
    return std::string(buffer, end);
}

}  // namespace

Kernel parseKernelText(std::string_view text) {
    return parseNamed(text, "kernel text");
}

std::string formatKernelText(const Kernel& kernel, std::string_view comment) {
    std::string out;
    std::size_t start = 0;
    while (start < comment.size()) {
        std::size_t end = comment.find('\n', start);
        if (end == std::string_view::npos) {
            end = comment.size();
        }
        out += "# ";
        out += comment.substr(start, end - start);
        out += '\n';
        start = end + 1;
    }
    // Right-align each column so the text reads as a matrix.
    std::vector<std::string> cells;
    std::vector<std::size_t> widths(static_cast<std::size_t>(kernel.width()), 0);
    for (int y = 0; y < kernel.height(); ++y) {
        for (int x = 0; x < kernel.width(); ++x) {
            cells.push_back(shortest(kernel.at(x, y)));
            auto& w = widths[static_cast<std::size_t>(x)];
            w = std::max(w, cells.back().size());
        }
    }
    std::size_t i = 0;
    for (int y = 0; y < kernel.height(); ++y) {
        for (int x = 0; x < kernel.width(); ++x) {
            const std::string& cell = cells[i++];
            if (x > 0) {
                out += ' ';
            }
            out.append(widths[static_cast<std::size_t>(x)] - cell.size(), ' ');
            out += cell;
        }
        out += '\n';
    }
    return out;
}

Kernel loadKernelFile(const std::string& path) {
    const std::vector<std::uint8_t> bytes = readInputFile(path, kMaxKernelFileBytes);
    const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    if (text.find('\0') != std::string_view::npos) {
        throw InputError("cannot read kernel '" + path + "': binary data, not a text kernel");
    }
    return parseNamed(text, "kernel '" + path + "'");
}

void saveKernelFile(const Kernel& kernel, const std::string& path) {
    writeFileAtomically(path, formatKernelText(kernel));
}

}  // namespace convis
