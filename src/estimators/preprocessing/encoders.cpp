// OneHotEncoder and OrdinalEncoder on numeric input. Category codes follow scikit-learn's
// _BaseEncoder._transform (unknowns: error or masked), then the infrequent-category
// grouping and the dropped category, precomputed per input column as a code → output
// column table.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/preprocessing/_encoders.py

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/text.hpp"
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

// Python's repr of a float as numpy prints it in the message (shortest round trip).
std::string number_repr(double x) {
  if (std::isnan(x)) return "nan";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  for (int p = 1; p <= 17; ++p) {
    char t[40];
    std::snprintf(t, sizeof t, "%.*g", p, x);
    if (std::strtod(t, nullptr) == x) {
      std::snprintf(buf, sizeof buf, "%s", t);
      break;
    }
  }
  return buf;
}

[[noreturn]] void unknown_category(const std::string& what, std::size_t column) {
  throw InputError("Found unknown categories [" + what + "] in column " + std::to_string(column) +
                   " during transform");
}

std::string cell_repr(const Column& c, std::size_t row) {
  if (c.is_missing(row)) return "nan";
  if (c.type() == ColumnType::String) return "'" + skops::detail::printable(c.string_at(row)) + "'";
  return number_repr(c.as_double(row));
}

std::vector<CategoryIndex> make_index(const std::vector<CategoryList>& cats) {
  std::vector<CategoryIndex> out;
  for (std::size_t i = 0; i < cats.size(); ++i) {
    if (cats[i].items.empty())
      throw ValidationError("column " + std::to_string(i) + " has no categories");
    out.emplace_back(cats[i]);
  }
  return out;
}

}  // namespace

CategoryIndex::CategoryIndex(const CategoryList& cats) {
  for (std::size_t c = 0; c < cats.items.size(); ++c) {
    const Category& item = cats.items[c];
    const auto code = static_cast<std::int64_t>(c);
    switch (item.kind) {
      case Category::Kind::Number:
        if (std::isnan(item.number)) {
          if (nan_code_ < 0) nan_code_ = code;
        } else {
          numbers_.emplace_back(item.number, code);
        }
        break;
      case Category::Kind::String:
        strings_.emplace_back(item.text, code);
        break;
      case Category::Kind::None:
        if (none_code_ < 0) none_code_ = code;
        break;
    }
  }
  std::stable_sort(numbers_.begin(), numbers_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  // Stable: of equal strings the first category wins, as a dict built in order would keep.
  std::stable_sort(strings_.begin(), strings_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
}

std::int64_t CategoryIndex::number(double x) const noexcept {
  if (std::isnan(x)) return nan_code_;
  auto it = std::lower_bound(numbers_.begin(), numbers_.end(), x,
                             [](const auto& p, double v) { return p.first < v; });
  return (it != numbers_.end() && it->first == x) ? it->second : -1;
}

std::int64_t CategoryIndex::string(std::string_view s) const noexcept {
  const auto it = std::lower_bound(strings_.begin(), strings_.end(), s,
                                   [](const auto& p, std::string_view v) { return p.first < v; });
  return (it != strings_.end() && it->first == s) ? it->second : -1;
}

std::int64_t CategoryIndex::cell(const Column& c, std::size_t row) const {
  if (c.is_missing(row)) return missing();
  if (c.type() == ColumnType::String) return string(c.string_at(row));
  return number(c.as_double(row));
}

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
  index_ = make_index(categories_);
  set_type_name("sklearn.preprocessing._encoders.OneHotEncoder");
  set_n_features_in(static_cast<std::int64_t>(categories_.size()));
}

template <class CodeAt>
NdArray OneHotEncoder::encode(Eigen::Index rows, const CodeAt& code_at) const {
  Matrix out = Matrix::Zero(rows, n_out_);
  std::int64_t offset = 0;
  for (std::size_t j = 0; j < plans_.size(); ++j) {
    const auto& p = plans_[j];
    for (Eigen::Index i = 0; i < rows; ++i) {
      const std::int64_t code = code_at(j, i);
      std::int64_t col = p.unknown_out;
      if (code >= 0) col = p.code_to_out[static_cast<std::size_t>(code)];
      if (col >= 0) out(i, offset + col) = 1.0;
    }
    offset += p.width;
  }
  return estimators::detail::matrix_as(out, dtype_);
}

NdArray OneHotEncoder::do_transform(const MatrixView& X) const {
  estimators::detail::check_allow_nan(*this, X);
  return encode(X.rows(), [&](std::size_t j, Eigen::Index i) {
    const double x = X(i, static_cast<Eigen::Index>(j));
    const std::int64_t code = index_[j].number(x);
    if (code < 0 && plans_[j].unknown_out == -2) unknown_category(number_repr(x), j);
    return code;
  });
}

NdArray OneHotEncoder::on_table(Method m, const Table& X) const {
  if (m != Method::Transform) return TransformerBase::on_table(m, X);
  check_table_columns(X);
  return encode(static_cast<Eigen::Index>(X.n_rows()), [&](std::size_t j, Eigen::Index i) {
    const Column& c = X.column(j);
    const auto row = static_cast<std::size_t>(i);
    const std::int64_t code = index_[j].cell(c, row);
    if (code < 0 && plans_[j].unknown_out == -2) unknown_category(cell_repr(c, row), j);
    return code;
  });
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
  index_ = make_index(categories_);
  for (std::size_t i = 0; i < categories_.size(); ++i) {
    // _missing_indices: the NaN category of each column (is_scalar_nan; None is not one).
    if (index_[i].nan() >= 0) missing_[static_cast<std::int64_t>(i)] = index_[i].nan();
  }
  set_type_name("sklearn.preprocessing._encoders.OrdinalEncoder");
  set_n_features_in(static_cast<std::int64_t>(categories_.size()));
}

template <class CodeAt>
NdArray OrdinalEncoder::encode(Eigen::Index rows, Eigen::Index cols, const CodeAt& code_at) const {
  Matrix out(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j) {
    const auto missing = missing_.find(static_cast<std::int64_t>(j));
    for (Eigen::Index i = 0; i < rows; ++i) {
      const std::int64_t code = code_at(static_cast<std::size_t>(j), i);
      if (code < 0) {
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

NdArray OrdinalEncoder::do_transform(const MatrixView& X) const {
  estimators::detail::check_allow_nan(*this, X);
  return encode(X.rows(), X.cols(), [&](std::size_t j, Eigen::Index i) {
    const double x = X(i, static_cast<Eigen::Index>(j));
    const std::int64_t code = index_[j].number(x);
    if (code < 0 && handle_unknown_ == "error") unknown_category(number_repr(x), j);
    return code;
  });
}

NdArray OrdinalEncoder::on_table(Method m, const Table& X) const {
  if (m != Method::Transform) return TransformerBase::on_table(m, X);
  check_table_columns(X);
  return encode(static_cast<Eigen::Index>(X.n_rows()), static_cast<Eigen::Index>(X.n_cols()),
                [&](std::size_t j, Eigen::Index i) {
                  const Column& c = X.column(j);
                  const auto row = static_cast<std::size_t>(i);
                  const std::int64_t code = index_[j].cell(c, row);
                  if (code < 0 && handle_unknown_ == "error") unknown_category(cell_repr(c, row), j);
                  return code;
                });
}

}  // namespace skops::estimators
