// Request -> launch plan for the CUDA kernels: validation, taps in correlation order, channel
// mask, exact reciprocal, and the rank-1 factors for the fused separable kernel. No CUDA calls.
#include "backends/cuda_plan.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>

#include "core/error.hpp"

namespace convis {

namespace {

constexpr int kMinBlockSide = 8;
constexpr int kMaxBlockSide = 32;

unsigned channelMask(const std::array<bool, 4>& channels) {
    unsigned mask = 0;
    for (std::size_t c = 0; c < channels.size(); ++c) {
        mask |= channels[c] ? (1u << c) : 0u;
    }
    return mask;
}

// Integer factors of an integer rank-1 kernel, or nothing: the row through the largest weight,
// reduced by the gcd of its entries, and the column that makes every product exact.
std::optional<SeparableFactors> integerFactors(const Kernel& k) {
    std::size_t pivot = 0;
    const std::vector<float>& w = k.weights();
    for (std::size_t i = 1; i < w.size(); ++i) {
        if (std::fabs(w[i]) > std::fabs(w[pivot])) {
            pivot = i;
        }
    }
    if (w[pivot] == 0.0f) {
        return std::nullopt;
    }
    const int px = static_cast<int>(pivot % static_cast<std::size_t>(k.width()));
    const int py = static_cast<int>(pivot / static_cast<std::size_t>(k.width()));
    long long divisor = 0;
    for (int x = 0; x < k.width(); ++x) {
        divisor = std::gcd(divisor, static_cast<long long>(std::llround(std::fabs(k.at(x, py)))));
    }
    SeparableFactors f;
    for (int x = 0; x < k.width(); ++x) {
        f.row.push_back(k.at(x, py) / static_cast<float>(divisor));
    }
    for (int y = 0; y < k.height(); ++y) {
        f.column.push_back(k.at(px, y) / f.row[static_cast<std::size_t>(px)]);
    }
    for (int y = 0; y < k.height(); ++y) {
        const float c = f.column[static_cast<std::size_t>(y)];
        if (c != std::round(c)) {
            return std::nullopt;
        }
        for (int x = 0; x < k.width(); ++x) {
            if (c * f.row[static_cast<std::size_t>(x)] != k.at(x, y)) {
                return std::nullopt;
            }
        }
    }
    return f;
}

// The tensor-core kernel where the device runs it, the factors are long enough for it to pay and
// the error bound allows, else the FP32 kernel; either with its strip height for this image and
// device.
void chooseSeparableKernel(CudaLaunchPlan& plan, const Image& input, bool integerTaps,
                           const RunOptions& options) {
    const int length = plan.separable->length;
    if (options.tensorCores && length >= kMinTensorSeparableLength) {
        const double error = tensorSeparableError(*plan.separable, integerTaps);
        if (error / std::fabs(static_cast<double>(plan.params.divisor)) < kTensorErrorLimit) {
            const int resident = tensorSeparableResidentBlocks(length);
            if (resident > 0) {
                plan.separableOnTensorCores = true;
                plan.separableSumError = error;
                plan.separableStripRows =
                    tensorSeparableStripRows(length, input.width(), input.height(), resident);
                return;
            }
        }
    }
    plan.separableStripRows =
        separableStripRows(length, input.width(), input.height(), separableResidentBlocks(length));
}

}  // namespace

bool configureLanes(LaneTaps& lanes, const std::vector<float>& taps, int width, int height) {
    constexpr double kLaneLimit = 65536.0;   // a lane's final value must stay below 2^16
    constexpr double kSumLimit = 8388608.0;  // 32-bit sums below 2^23: exact as 2^23 + sum
    if (width < 1 || width > kMaxLanesWidth || height < 1 || height > kMaxKernelSide ||
        taps.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height)) {
        return false;
    }
    std::fill(std::begin(lanes.w), std::end(lanes.w), 0);
    std::fill(std::begin(lanes.groupBias), std::end(lanes.groupBias), 0u);
    lanes.flushRows = 0;
    double absTotal = 0.0;
    double biasTotal = 0.0;
    double groupPos = 0.0;
    double groupNeg = 0.0;
    int groupStart = 0;
    const auto closeGroup = [&](int lastRow) {
        const auto bias = static_cast<unsigned>(255.0 * groupNeg);
        lanes.groupBias[groupStart] = bias * 0x10001u;  // the bias in both lanes
        biasTotal += 255.0 * groupNeg;
        lanes.flushRows |= 1u << lastRow;
        groupStart = lastRow + 1;
        groupPos = 0.0;
        groupNeg = 0.0;
    };
    for (int y = 0; y < height; ++y) {
        double rowPos = 0.0;
        double rowNeg = 0.0;
        for (int x = 0; x < width; ++x) {
            const float w = taps[static_cast<std::size_t>(y * width + x)];
            if (w != std::round(w) || std::fabs(w) >= kLaneLimit) {
                return false;
            }
            lanes.w[y * width + x] = static_cast<int>(w);
            (w > 0.0f ? rowPos : rowNeg) += std::fabs(static_cast<double>(w));
        }
        if (255.0 * (rowPos + rowNeg) >= kLaneLimit) {
            return false;  // no grouping keeps this row's lanes exact
        }
        if (255.0 * (groupPos + groupNeg + rowPos + rowNeg) >= kLaneLimit) {
            closeGroup(y - 1);
        }
        groupPos += rowPos;
        groupNeg += rowNeg;
        absTotal += rowPos + rowNeg;
    }
    if (255.0 * absTotal >= kSumLimit) {
        return false;
    }
    closeGroup(height - 1);
    if (lanes.flushRows == 1u << (height - 1)) {
        lanes.flushRows = 0;  // one group: the lanes are finished directly
    }
    lanes.base = static_cast<float>(8388608.0 + biasTotal);
    return true;
}

bool laneStreamFits(const LaneTaps& lanes, const ConvParams& params) {
    return lanes.flushRows == 0u && params.kernelWidth <= kMaxLanesStreamSide &&
           params.kernelHeight <= kMaxLanesStreamSide && params.integerFinish;
}

std::optional<SeparableTaps> separableTapsFor(const Kernel& taps) {
    if (taps.width() == 1 && taps.height() == 1) {
        return std::nullopt;  // nothing to separate
    }
    std::optional<SeparableFactors> factors;
    if (taps.isIntegerValued()) {
        // Exactness needs every partial sum, in any order, to be an exact float integer.
        float absSum = 0.0f;
        for (float w : taps.weights()) {
            absSum += std::fabs(w);
        }
        if (absSum * 255.0f >= 16777216.0f) {
            return std::nullopt;
        }
        factors = integerFactors(taps);
    } else {
        factors = taps.separable();
    }
    if (!factors) {
        return std::nullopt;
    }
    SeparableTaps result{};
    result.length = std::max(taps.width(), taps.height());
    // Pad both factors with zeros, centred, to the common length; a zero tap adds an exact 0.
    const int rowPad = (result.length - taps.width()) / 2;
    const int columnPad = (result.length - taps.height()) / 2;
    for (int i = 0; i < taps.width(); ++i) {
        result.row[rowPad + i] = factors->row[static_cast<std::size_t>(i)];
    }
    for (int i = 0; i < taps.height(); ++i) {
        result.column[columnPad + i] = factors->column[static_cast<std::size_t>(i)];
    }
    return result;
}

CudaLaunchPlan makeCudaLaunchPlan(CudaVariant variant, const Image& input,
                                  const ConvRequest& request, const RunOptions& options) {
    request.validate();
    if (options.blockWidth < kMinBlockSide || options.blockWidth > kMaxBlockSide ||
        options.blockHeight < kMinBlockSide || options.blockHeight > kMaxBlockSide) {
        throw InputError("CUDA block size must be 8 to 32 threads in x and in y");
    }
    if (options.laneStreamRows != 0 &&
        std::find(std::begin(kLanesStreamRows), std::end(kLanesStreamRows),
                  options.laneStreamRows) == std::end(kLanesStreamRows)) {
        throw InputError("lane stream strips must be 32 or 64 rows tall");
    }
    const Kernel taps = request.correlationTaps();
    CudaLaunchPlan plan;
    plan.params.width = input.width();
    plan.params.height = input.height();
    plan.params.kernelWidth = taps.width();
    plan.params.kernelHeight = taps.height();
    plan.params.border = request.border;
    plan.params.divisor = request.divisor;
    plan.params.reciprocal = exactReciprocal(request.divisor);
    plan.params.offset = request.offset;
    plan.params.absolute = request.absolute;
    plan.params.channelMask = channelMask(request.channels);
    plan.taps = taps.weights();
    plan.table = std::make_unique<TapTable>();
    std::fill(std::begin(plan.table->w), std::end(plan.table->w), 0.0f);
    std::copy(plan.taps.begin(), plan.taps.end(), plan.table->w);
    if (variant == CudaVariant::Fast) {
        plan.separable = separableTapsFor(taps);
        if (plan.separable) {
            chooseSeparableKernel(plan, input, taps.isIntegerValued(), options);
        }
        // Integer taps make every sum an exact integer (the separable path too: it uses integer
        // factors for integer kernels), which the division-free post-op relies on.
        double absSum = 0.0;
        for (float w : plan.taps) {
            absSum += std::fabs(static_cast<double>(w));
        }
        configureIntegerFinish(plan.params, taps.isIntegerValued(), absSum);
        double posBound = 0.0;
        double negBound = 0.0;
        if (plan.separable) {
            // The fused kernel's sums are bounded through its factors (exact for integer ones).
            double rowAbs = 0.0;
            double columnAbs = 0.0;
            bool nonNegative = true;
            for (int i = 0; i < plan.separable->length; ++i) {
                rowAbs += std::fabs(static_cast<double>(plan.separable->row[i]));
                columnAbs += std::fabs(static_cast<double>(plan.separable->column[i]));
                nonNegative = nonNegative && plan.separable->row[i] >= 0.0f &&
                              plan.separable->column[i] >= 0.0f;
            }
            posBound = rowAbs * columnAbs;
            negBound = nonNegative ? 0.0 : posBound;
        } else {
            for (float w : plan.taps) {
                (w > 0.0f ? posBound : negBound) += std::fabs(static_cast<double>(w));
            }
        }
        configureUnclampedFinish(plan.params, posBound, negBound, plan.separableSumError);
        if (!plan.separable && taps.isIntegerValued() && options.integerLanes) {
            plan.lanes = std::make_unique<LaneTaps>();
            if (!configureLanes(*plan.lanes, plan.taps, taps.width(), taps.height())) {
                plan.lanes.reset();
            } else if (options.laneStream && laneStreamFits(*plan.lanes, plan.params)) {
                plan.laneStreamRows =
                    options.laneStreamRows == 0 ? kDefaultLanesStreamRows : options.laneStreamRows;
            }
        }
    }
    plan.blockWidth = options.blockWidth;
    plan.blockHeight = options.blockHeight;
    return plan;
}

FastBlockShape fastBlockShape(const CudaLaunchPlan& plan) {
    if (plan.separable && plan.separableOnTensorCores) {
        return tensorSeparableShape(plan.separableStripRows);
    }
    if (plan.separable) {
        FastBlockShape shape = fastSeparableShape(plan.separable->length);
        shape.outputsY = plan.separableStripRows / shape.threadsY;
        return shape;
    }
    if (plan.lanes && plan.laneStreamRows > 0) {
        return lanesStreamShape(plan.laneStreamRows);
    }
    return plan.lanes ? lanesShape(plan.params.kernelWidth)
                      : fastDirectShape(plan.params.kernelWidth);
}

FastComputer fastWhoComputes(const CudaLaunchPlan& plan, int x, int y) {
    if (x < 0 || y < 0 || x >= plan.params.width || y >= plan.params.height) {
        throw InputError("point lies outside the image");
    }
    FastComputer c;
    c.separable = plan.separable.has_value();
    c.shape = fastBlockShape(plan);
    // Block b covers outW x outH outputs from b * (outW, outH); in the direct kernels thread t
    // covers outputsX x outputsY of them from t * (outputsX, outputsY) (the streaming lane
    // kernel: lane l of warp w covers 4 columns from 128 w + 4 l, all the strip's rows); the
    // separable kernel's threads take turns down their column (below).
    const int outW = c.shape.threadsX * c.shape.outputsX;
    const int outH = c.shape.threadsY * c.shape.outputsY;
    c.gridWidth = (plan.params.width + outW - 1) / outW;
    c.gridHeight = (plan.params.height + outH - 1) / outH;
    c.blockX = x / outW;
    c.blockY = y / outH;
    c.blockIndex = static_cast<long long>(c.blockY) * c.gridWidth + c.blockX;
    const int inBlockX = x % outW;
    const int inBlockY = y % outH;
    c.threadX = inBlockX / c.shape.outputsX;
    c.threadY = inBlockY / c.shape.outputsY;
    c.slot = (inBlockY % c.shape.outputsY) * c.shape.outputsX + inBlockX % c.shape.outputsX;
    if (c.separable && plan.separableOnTensorCores) {
        // Warp w of a block owns columns 8w .. 8w + 7 of its 32; each step of 8 rows, lane
        // 4g + q computes row g at columns 2q, 2q + 1 (conv_separable_mma.cuh). The shape's
        // threads are the block's 128 threads numbered 16 to a row.
        c.tensorCores = true;
        c.warp = inBlockX / 8;
        c.lane = 4 * (inBlockY % 8) + (inBlockX % 8) / 2;
        const int linear = 32 * c.warp + c.lane;
        c.threadX = linear % c.shape.threadsX;
        c.threadY = linear / c.shape.threadsX;
        c.slot = (inBlockY / 8) * 2 + inBlockX % 2;
        return c;
    }
    if (c.separable) {
        // The separable kernel walks its strip 8 rows a step; the threadsY threads of a column
        // split each step's rows: thread y takes rows 8s + per y .. 8s + per y + per - 1.
        const int per = 8 / c.shape.threadsY;
        c.threadY = (inBlockY % 8) / per;
        c.slot = (inBlockY / 8) * per + inBlockY % per;
    }
    const int linear = c.threadY * c.shape.threadsX + c.threadX;
    c.warp = linear / 32;
    c.lane = linear % 32;
    return c;
}

}  // namespace convis
