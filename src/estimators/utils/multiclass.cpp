#include "estimators/utils/multiclass.hpp"

#include <algorithm>
#include <cstring>

namespace skops::estimators::detail {

bool label_dtype_ok(const DType& d) {
  switch (d.kind()) {
    case DTypeKind::Bool:
    case DTypeKind::Int:
    case DTypeKind::UInt:
    case DTypeKind::Unicode:
    case DTypeKind::Bytes:
      return true;
    case DTypeKind::Float:
      return is_real_float(d);
    default:
      return false;
  }
}

NdArray read_classes(const ValueView& v) {
  const Node& n = v.node();
  if (n.kind == NodeKind::NdArray && n.storage == "json") {
    // String labels fitted from an object array: skops stores them as a JSON list.
    std::vector<std::string> labels;
    for (const ValueView& item : v.items()) {
      const Node& in = item.node();
      if (in.kind != NodeKind::Json || in.scalar != ScalarKind::Str) {
        item.fail("object-array class labels must be strings");
      }
      labels.push_back(in.str_value);
    }
    if (labels.empty()) v.fail("classes_ is empty");
    if (n.json_shape && n.json_shape->items.size() != 1) v.fail("classes_ must be 1-d");
    const auto count = static_cast<std::int64_t>(labels.size());
    return NdArray::from_strings(labels, {count});
  }
  if (n.kind != NodeKind::NdArray) v.fail("classes_ must be an array");
  NdArray a = v.as_array();
  if (!label_dtype_ok(a.dtype())) {
    v.fail("classes_ must be numbers or strings, found dtype " + a.dtype().name());
  }
  if (a.ndim() != 1 || a.dim(0) < 1) v.fail("classes_ must be a non-empty 1-d array");
  return a;
}

std::vector<NdArray> read_class_sets(const ValueView& v, std::int64_t n_outputs, bool& multi) {
  const Node& n = v.node();
  multi = n.kind == NodeKind::List || n.kind == NodeKind::Tuple;
  std::vector<NdArray> out;
  if (multi) {
    for (const ValueView& item : v.items()) out.push_back(read_classes(item));
  } else {
    out.push_back(read_classes(v));
  }
  if (static_cast<std::int64_t>(out.size()) != n_outputs) {
    v.fail("classes_ has " + std::to_string(out.size()) + " label sets for " +
           std::to_string(n_outputs) + " outputs");
  }
  return out;
}

void check_classes(const NdArray& labels, const Fail& fail) {
  if (!label_dtype_ok(labels.dtype())) fail("unsupported label dtype " + labels.dtype().name());
  if (labels.ndim() != 1 || labels.size() == 0) fail("classes must be a non-empty 1-d array");
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

NodePtr labels_node(const NdArray& labels, const NodePtr& original) {
  if (original) return original;
  return make::array(labels);
}

}  // namespace skops::estimators::detail
