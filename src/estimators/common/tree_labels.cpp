#include "estimators/common/tree_labels.hpp"

#include <cmath>
#include <cstring>

#include "skops/error.hpp"

namespace skops::detail {

NdArray read_labels(const ValueView& v) {
  const NdArray a = v.as_array();
  const DTypeKind k = a.dtype().kind();
  const bool ok = k == DTypeKind::Bool || k == DTypeKind::Int || k == DTypeKind::UInt ||
                  k == DTypeKind::Float || k == DTypeKind::Unicode || k == DTypeKind::Bytes;
  if (!ok) v.fail("classes must be numbers or strings, found dtype " + a.dtype().name());
  if (k == DTypeKind::Float && a.dtype().itemsize() != 8 && a.dtype().itemsize() != 4) {
    v.fail("unsupported float label dtype " + a.dtype().name());
  }
  if (a.ndim() != 1 || a.dim(0) < 1) v.fail("classes must be a non-empty 1-d array");
  return a;
}

std::vector<NdArray> read_label_sets(const ValueView& v, std::int64_t n_outputs, bool& multi) {
  const Node& n = v.node();
  multi = n.kind == NodeKind::List || n.kind == NodeKind::Tuple;
  std::vector<NdArray> out;
  if (multi) {
    for (const ValueView& item : v.items()) out.push_back(read_labels(item));
  } else {
    out.push_back(read_labels(v));
  }
  if (static_cast<std::int64_t>(out.size()) != n_outputs) {
    v.fail("classes_ has " + std::to_string(out.size()) + " label sets for " +
           std::to_string(n_outputs) + " outputs");
  }
  return out;
}

NdArray take_labels(const NdArray& classes, const std::vector<std::int64_t>& idx) {
  const std::size_t item = classes.dtype().itemsize();
  std::vector<std::uint8_t> bytes(idx.size() * item);
  for (std::size_t i = 0; i < idx.size(); ++i) {
    std::memcpy(bytes.data() + i * item, classes.bytes() + static_cast<std::size_t>(idx[i]) * item,
                item);
  }
  return NdArray(classes.dtype(), {static_cast<std::int64_t>(idx.size())},
                 ByteView::adopt(std::move(bytes)));
}

NdArray take_labels_2d(const std::vector<NdArray>& classes, const std::vector<std::int64_t>& idx,
                       std::int64_t n) {
  const auto n_out = static_cast<std::int64_t>(classes.size());
  const DType& dt = classes[0].dtype();
  const std::size_t item = dt.itemsize();
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(n * n_out) * item, 0);
  const bool text = dt.kind() == DTypeKind::Unicode || dt.kind() == DTypeKind::Bytes;
  for (std::int64_t k = 0; k < n_out; ++k) {
    const NdArray& c = classes[static_cast<std::size_t>(k)];
    const bool same = c.dtype() == dt;
    std::vector<double> as_num;
    if (!same && !text) as_num = c.to_vector<double>();
    for (std::int64_t i = 0; i < n; ++i) {
      const auto j = static_cast<std::size_t>(idx[static_cast<std::size_t>(i * n_out + k)]);
      std::uint8_t* dst = bytes.data() + static_cast<std::size_t>(i * n_out + k) * item;
      if (same) {
        std::memcpy(dst, c.bytes() + j * item, item);
      } else if (text && c.dtype().kind() == dt.kind()) {
        std::memcpy(dst, c.bytes() + j * c.dtype().itemsize(),
                    std::min(item, c.dtype().itemsize()));
      } else if (!text && c.is_numeric()) {
        const double x = as_num[j];
        if (dt.kind() == DTypeKind::Float && item == 8) {
          std::memcpy(dst, &x, 8);
        } else if (dt.kind() == DTypeKind::Float && item == 4) {
          const auto f = static_cast<float>(x);
          std::memcpy(dst, &f, 4);
        } else if (dt.kind() == DTypeKind::Bool) {
          *dst = x != 0.0;
        } else {
          const auto v = static_cast<std::int64_t>(x);
          std::memcpy(dst, &v, std::min<std::size_t>(item, 8));  // little-endian truncation
        }
      } else {
        throw UnsupportedError("multi-output labels of dtypes " + dt.name() + " and " +
                               c.dtype().name() + " cannot be combined");
      }
    }
  }
  return NdArray(dt, {n, n_out}, ByteView::adopt(std::move(bytes)));
}

NdArray log_of(const Matrix& m) {
  Matrix out = m.array().log().matrix();
  return to_ndarray(out);
}

}  // namespace skops::detail
