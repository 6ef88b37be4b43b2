// OneHotEncoder and OrdinalEncoder on numeric input. Category codes follow scikit-learn's
// _BaseEncoder._transform (unknowns: error or masked), then the infrequent-category
// grouping and the dropped category, precomputed per input column as a code → output
// column table.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/preprocessing/_encoders.py

#include <algorithm>
#include <cmath>

#include "estimators/utils/validation.hpp"
#include "estimators/utils/nodes.hpp"
#include "estimators/preprocessing/internal.hpp"
#include "skops/error.hpp"
#include "skops/estimators/preprocessing.hpp"

namespace skops::estimators {

namespace {

void check_sorted_numeric(const std::vector<double>& v) {
  for (std::size_t i = 1; i < v.size(); ++i) {
    if (!(v[i - 1] < v[i]) && !std::isnan(v[i])) {
      throw ValidationError("numeric categories must be sorted and unique");
    }
  }
}

void build_lookup(const std::vector<CategoryList>& cats,
                  std::vector<std::vector<std::pair<double, std::int64_t>>>& lookup,
                  std::vector<std::int64_t>& nan_code) {
  lookup.assign(cats.size(), {});
  nan_code.assign(cats.size(), -1);
  for (std::size_t i = 0; i < cats.size(); ++i) {
    const auto& items = cats[i].items;
    if (items.empty()) throw ValidationError("column " + std::to_string(i) + " has no categories");
    for (std::size_t c = 0; c < items.size(); ++c) {
      if (items[c].kind != Category::Kind::Number) continue;
      if (std::isnan(items[c].number)) {
        if (nan_code[i] < 0) nan_code[i] = static_cast<std::int64_t>(c);
      } else {
        lookup[i].emplace_back(items[c].number, static_cast<std::int64_t>(c));
      }
    }
    std::stable_sort(lookup[i].begin(), lookup[i].end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
  }
}

// Code of x in column i (first equal category; NaN matches a NaN category), or -1.
std::int64_t code_of(const std::vector<std::pair<double, std::int64_t>>& lookup,
                     std::int64_t nan_code, double x) {
  if (std::isnan(x)) return nan_code;
  auto it = std::lower_bound(lookup.begin(), lookup.end(), x,
                             [](const auto& p, double v) { return p.first < v; });
  return (it != lookup.end() && it->first == x) ? it->second : -1;
}

[[noreturn]] void unknown_category(double x, std::size_t column) {
  throw InputError("Found unknown categories [" + std::to_string(x) + "] in column " +
                   std::to_string(column) + " during transform");
}

}  // namespace

CategoryList CategoryList::numeric(std::vector<double> values) {
  check_sorted_numeric(values);
  CategoryList out;
  for (double v : values) out.items.push_back(Category::of(v));
  out.dtype = DType::float64();
  return out;
}

CategoryList CategoryList::strings(std::vector<std::string> values) {
  CategoryList out;
  for (auto& v : values) out.items.push_back(Category::of(std::move(v)));
  return out;
}

std::int64_t CategoryList::find(double x) const noexcept {
  for (std::size_t c = 0; c < items.size(); ++c) {
    if (items[c].kind != Category::Kind::Number) continue;
    if (items[c].number == x || (std::isnan(x) && std::isnan(items[c].number))) {
      return static_cast<std::int64_t>(c);
    }
  }
  return -1;
}

// ---------------------------------------------------------------- OneHotEncoder
namespace {
std::vector<OneHotEncoder::ColumnPlan> simple_plans(const std::vector<CategoryList>& cats,
                                                    const std::string& handle_unknown,
                                                    const std::vector<std::int64_t>& drop_idx) {
  std::vector<OneHotEncoder::ColumnPlan> plans;
  for (std::size_t i = 0; i < cats.size(); ++i) {
    const auto k = static_cast<std::int64_t>(cats[i].items.size());
    const std::int64_t d = drop_idx.empty() ? -1 : drop_idx[i];
    if (d >= k) throw ValidationError("OneHotEncoder: drop index out of range");
    OneHotEncoder::ColumnPlan p;
    for (std::int64_t c = 0; c < k; ++c)
      p.code_to_out.push_back(d < 0 ? c : (c == d ? -1 : c > d ? c - 1 : c));
    p.unknown_out = handle_unknown == "error" ? -2 : -1;
    p.width = d < 0 ? k : k - 1;
    plans.push_back(std::move(p));
  }
  return plans;
}
}  // namespace

OneHotEncoder::OneHotEncoder(std::vector<CategoryList> categories, std::string handle_unknown,
                             std::vector<std::int64_t> drop_idx, DType dtype)
    : OneHotEncoder(categories, handle_unknown, drop_idx, dtype,
                    simple_plans(categories, handle_unknown, drop_idx)) {}

OneHotEncoder::OneHotEncoder(std::vector<CategoryList> categories, std::string handle_unknown,
                             std::vector<std::int64_t> drop_idx, DType dtype,
                             std::vector<ColumnPlan> plans)
    : categories_(std::move(categories)),
      handle_unknown_(std::move(handle_unknown)),
      drop_idx_(std::move(drop_idx)),
      dtype_(dtype),
      plans_(std::move(plans)) {
  if (handle_unknown_ != "error" && handle_unknown_ != "ignore" &&
      handle_unknown_ != "infrequent_if_exist") {
    throw ValidationError("OneHotEncoder: unsupported handle_unknown \"" + handle_unknown_ + "\"");
  }
  if (categories_.empty()) throw ValidationError("OneHotEncoder: no categories");
  if (!drop_idx_.empty() && drop_idx_.size() != categories_.size()) {
    throw ValidationError("OneHotEncoder: drop_idx_ length differs from categories_");
  }
  if (plans_.size() != categories_.size())
    throw ValidationError("OneHotEncoder: plan count mismatch");
  for (std::size_t i = 0; i < plans_.size(); ++i) {
    const auto& p = plans_[i];
    if (p.code_to_out.size() != categories_[i].items.size() || p.width < 0) {
      throw ValidationError("OneHotEncoder: column " + std::to_string(i) + " plan mismatch");
    }
    for (auto o : p.code_to_out) {
      if (o < -1 || o >= p.width)
        throw ValidationError("OneHotEncoder: output column out of range");
    }
    if (p.unknown_out < -2 || p.unknown_out >= p.width) {
      throw ValidationError("OneHotEncoder: output column out of range");
    }
    n_out_ += p.width;
  }
  build_lookup(categories_, lookup_, nan_code_);
  set_type_name("sklearn.preprocessing._encoders.OneHotEncoder");
  set_n_features_in(static_cast<std::int64_t>(categories_.size()));
}

NdArray OneHotEncoder::do_transform(const MatrixView& X) const {
  estimators::detail::check_allow_nan(*this, X);
  Matrix out = Matrix::Zero(X.rows(), n_out_);
  std::int64_t offset = 0;
  for (std::size_t j = 0; j < plans_.size(); ++j) {
    const auto& p = plans_[j];
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
      const double x = X(i, static_cast<Eigen::Index>(j));
      const std::int64_t code = code_of(lookup_[j], nan_code_[j], x);
      std::int64_t col;
      if (code >= 0) {
        col = p.code_to_out[static_cast<std::size_t>(code)];
      } else {
        if (p.unknown_out == -2) unknown_category(x, j);
        col = p.unknown_out;
      }
      if (col >= 0) out(i, offset + col) = 1.0;
    }
    offset += p.width;
  }
  return estimators::detail::matrix_as(out, dtype_);
}

NdArray OneHotEncoder::inverse_transform(const MatrixView& X) const {
  if (X.cols() != n_out_) {
    throw InputError("X has " + std::to_string(X.cols()) + " columns, expected " +
                     std::to_string(n_out_));
  }
  Matrix out(X.rows(), static_cast<Eigen::Index>(categories_.size()));
  std::int64_t offset = 0;
  for (std::size_t j = 0; j < plans_.size(); ++j) {
    const auto& p = plans_[j];
    // Output column → category (the inverse of the plan; fails for grouped categories).
    std::vector<std::int64_t> out_to_code(static_cast<std::size_t>(p.width), -1);
    std::int64_t dropped = -1;
    for (std::size_t c = 0; c < p.code_to_out.size(); ++c) {
      const auto o = p.code_to_out[c];
      if (o < 0) {
        dropped = static_cast<std::int64_t>(c);
        continue;
      }
      if (out_to_code[static_cast<std::size_t>(o)] >= 0) {
        throw UnsupportedError(
            "inverse_transform of grouped infrequent categories is not supported");
      }
      out_to_code[static_cast<std::size_t>(o)] = static_cast<std::int64_t>(c);
    }
    for (const auto& c : categories_[j].items) {
      if (c.kind != Category::Kind::Number) {
        throw UnsupportedError("inverse_transform to string categories needs a string array");
      }
    }
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
      // argmax over the block (first maximum), all-zero rows → dropped category or NaN (None).
      std::int64_t best = -1;
      double best_v = 0.0, sum = 0.0;
      for (std::int64_t o = 0; o < p.width; ++o) {
        const double v = X(i, offset + o);
        sum += v;
        if (best < 0 || v > best_v) best = o, best_v = v;
      }
      std::int64_t code = best >= 0 ? out_to_code[static_cast<std::size_t>(best)] : dropped;
      if (sum == 0) code = dropped;
      out(i, static_cast<Eigen::Index>(j)) =
          code >= 0 ? categories_[j].items[static_cast<std::size_t>(code)].number
                    : std::numeric_limits<double>::quiet_NaN();
    }
    offset += p.width;
  }
  return to_ndarray(out);
}

// ---------------------------------------------------------------- OrdinalEncoder
OrdinalEncoder::OrdinalEncoder(std::vector<CategoryList> categories, std::string handle_unknown,
                               double unknown_value, double encoded_missing_value, DType dtype)
    : categories_(std::move(categories)),
      handle_unknown_(std::move(handle_unknown)),
      unknown_value_(unknown_value),
      encoded_missing_value_(encoded_missing_value),
      dtype_(dtype) {
  if (handle_unknown_ != "error" && handle_unknown_ != "use_encoded_value") {
    throw ValidationError("OrdinalEncoder: unsupported handle_unknown \"" + handle_unknown_ + "\"");
  }
  if (categories_.empty()) throw ValidationError("OrdinalEncoder: no categories");
  build_lookup(categories_, lookup_, nan_code_);
  for (std::size_t i = 0; i < categories_.size(); ++i) {
    if (nan_code_[i] >= 0) missing_[static_cast<std::int64_t>(i)] = nan_code_[i];
  }
  set_type_name("sklearn.preprocessing._encoders.OrdinalEncoder");
  set_n_features_in(static_cast<std::int64_t>(categories_.size()));
}

NdArray OrdinalEncoder::do_transform(const MatrixView& X) const {
  estimators::detail::check_allow_nan(*this, X);
  Matrix out(X.rows(), X.cols());
  for (Eigen::Index j = 0; j < X.cols(); ++j) {
    const auto jj = static_cast<std::size_t>(j);
    const auto missing = missing_.find(static_cast<std::int64_t>(j));
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
      const std::int64_t code = code_of(lookup_[jj], nan_code_[jj], X(i, j));
      if (code < 0) {
        if (handle_unknown_ == "error") unknown_category(X(i, j), jj);
        out(i, j) = unknown_value_;
      } else if (missing != missing_.end() && code == missing->second) {
        out(i, j) = encoded_missing_value_;
      } else {
        out(i, j) = static_cast<double>(code);
      }
    }
  }
  return estimators::detail::matrix_as(out, dtype_);
}

}  // namespace skops::estimators
