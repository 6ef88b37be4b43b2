// LabelEncoder: labels ↔ their index in the sorted classes_.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/preprocessing/_label.py

#include <algorithm>
#include <cmath>
#include <cstring>

#include "estimators/utils/validation.hpp"
#include "estimators/utils/nodes.hpp"
#include "estimators/preprocessing/internal.hpp"
#include "skops/error.hpp"
#include "skops/estimators/preprocessing.hpp"

namespace skops::estimators {

namespace {
[[noreturn]] void unseen() { throw InputError("y contains previously unseen labels"); }
}  // namespace

LabelEncoder::LabelEncoder(std::vector<double> classes)
    : LabelEncoder(NdArray::from_vector(classes)) {}

LabelEncoder::LabelEncoder(std::vector<std::string> classes)
    : LabelEncoder(NdArray::from_strings(classes, {static_cast<std::int64_t>(classes.size())})) {}

LabelEncoder::LabelEncoder(NdArray classes) : classes_(std::move(classes)) {
  if (classes_.ndim() != 1 || classes_.size() == 0) {
    throw ValidationError("LabelEncoder: classes_ must be a non-empty 1-d array");
  }
  const auto kind = classes_.dtype().kind();
  if (kind == DTypeKind::Unicode) {
    strings_ = classes_.to_strings();
    // UTF-8 byte order is code point order, numpy's order for '<U' arrays.
    for (std::size_t i = 1; i < strings_.size(); ++i) {
      if (!(strings_[i - 1] < strings_[i]))
        throw ValidationError("LabelEncoder: classes_ not sorted and unique");
    }
  } else if (classes_.is_numeric() && kind != DTypeKind::Complex) {
    numbers_ = classes_.to_vector<double>();
    for (std::size_t i = 1; i < numbers_.size(); ++i) {
      if (!(numbers_[i - 1] < numbers_[i]) && !std::isnan(numbers_[i])) {
        throw ValidationError("LabelEncoder: classes_ not sorted and unique");
      }
    }
  } else {
    throw ValidationError("LabelEncoder: unsupported classes_ dtype " + classes_.dtype().name());
  }
  set_type_name("sklearn.preprocessing._label.LabelEncoder");
}

NdArray LabelEncoder::transform_labels(const std::vector<std::string>& labels) const {
  if (strings_.empty())
    throw UnsupportedError("LabelEncoder: classes_ are numeric; use transform_values");
  std::vector<std::int64_t> out;
  out.reserve(labels.size());
  for (const auto& s : labels) {
    auto it = std::lower_bound(strings_.begin(), strings_.end(), s);
    if (it == strings_.end() || *it != s) unseen();
    out.push_back(it - strings_.begin());
  }
  return NdArray::from_vector(out);
}

NdArray LabelEncoder::transform_values(const std::vector<double>& labels) const {
  if (numbers_.empty())
    throw UnsupportedError("LabelEncoder: classes_ are strings; use transform_labels");
  // column_or_1d(y, dtype=classes_.dtype) casts float labels to integer classes first.
  const bool integral = classes_.dtype().kind() != DTypeKind::Float;
  std::vector<std::int64_t> out;
  out.reserve(labels.size());
  for (double y : labels) {
    if (integral) {
      if (!std::isfinite(y)) throw InputError("cannot convert NaN or infinity to an integer label");
      y = std::trunc(y);
    }
    std::int64_t code = -1;
    if (std::isnan(y)) {
      if (std::isnan(numbers_.back())) code = static_cast<std::int64_t>(numbers_.size()) - 1;
    } else {
      auto it = std::lower_bound(numbers_.begin(), numbers_.end(), y,
                                 [](double a, double b) { return a < b; });
      if (it != numbers_.end() && *it == y) code = it - numbers_.begin();
    }
    if (code < 0) unseen();
    out.push_back(code);
  }
  return NdArray::from_vector(out);
}

namespace {
NdArray take(const NdArray& classes, const std::vector<std::int64_t>& codes) {
  const auto n = static_cast<std::int64_t>(classes.size());
  const std::size_t item = classes.dtype().itemsize();
  std::vector<std::uint8_t> bytes(codes.size() * item);
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (codes[i] < 0 || codes[i] >= n) unseen();
    std::memcpy(bytes.data() + i * item,
                classes.bytes() + static_cast<std::size_t>(codes[i]) * item, item);
  }
  return NdArray(classes.dtype(), {static_cast<std::int64_t>(codes.size())},
                 ByteView::adopt(std::move(bytes)));
}
}  // namespace

NdArray LabelEncoder::inverse_transform_labels(const std::vector<std::int64_t>& codes) const {
  if (strings_.empty())
    throw UnsupportedError("LabelEncoder: classes_ are numeric; use inverse_transform_values");
  return take(classes_, codes);
}

NdArray LabelEncoder::inverse_transform_values(const std::vector<std::int64_t>& codes) const {
  if (numbers_.empty())
    throw UnsupportedError("LabelEncoder: classes_ are strings; use inverse_transform_labels");
  return take(classes_, codes);
}

NdArray LabelEncoder::do_transform(const MatrixView& X) const {
  // scikit-learn takes a 1-d y; a single column is what column_or_1d accepts.
  if (X.cols() != 1 && X.rows() > 0) {
    throw InputError("LabelEncoder takes one column of labels, got " + std::to_string(X.cols()));
  }
  std::vector<double> y(static_cast<std::size_t>(X.rows()));
  for (Eigen::Index i = 0; i < X.rows(); ++i) y[static_cast<std::size_t>(i)] = X(i, 0);
  return transform_values(y);
}

}  // namespace skops::estimators

namespace skops::estimators::detail::preprocessing {

std::unique_ptr<LabelEncoder> build_label(const ObjectView& obj) {
  auto est =
      detail::located(obj, [&] { return std::make_unique<LabelEncoder>(obj.array("classes_")); });
  detail::adopt_identity(*est, obj, -1);
  return est;
}

void save_label(const LabelEncoder& e, ObjectWriter& w) { w.set_array("classes_", e.classes()); }

}  // namespace skops::estimators::detail::preprocessing
