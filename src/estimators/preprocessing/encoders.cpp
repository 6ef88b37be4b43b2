// OneHotEncoder and OrdinalEncoder on numeric input. Category codes follow scikit-learn's
// _BaseEncoder._transform (unknowns: error or masked), then the infrequent-category
// grouping and the dropped category, precomputed per input column as a code → output
// column table.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/preprocessing/_encoders.py

#include <algorithm>
#include <cmath>

#include "estimators/common/preprocessing_util.hpp"
#include "estimators/preprocessing/internal.hpp"
#include "skops/error.hpp"
#include "skops/estimators/preprocessing.hpp"

namespace skops::preprocessing {

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
std::int64_t code_of(const std::vector<std::pair<double, std::int64_t>>& lookup, std::int64_t nan_code,
                     double x) {
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
    for (std::int64_t c = 0; c < k; ++c) p.code_to_out.push_back(d < 0 ? c : (c == d ? -1 : c > d ? c - 1 : c));
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
  if (plans_.size() != categories_.size()) throw ValidationError("OneHotEncoder: plan count mismatch");
  for (std::size_t i = 0; i < plans_.size(); ++i) {
    const auto& p = plans_[i];
    if (p.code_to_out.size() != categories_[i].items.size() || p.width < 0) {
      throw ValidationError("OneHotEncoder: column " + std::to_string(i) + " plan mismatch");
    }
    for (auto o : p.code_to_out) {
      if (o < -1 || o >= p.width) throw ValidationError("OneHotEncoder: output column out of range");
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
  estimators::pp::check_allow_nan(*this, X);
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
  return estimators::pp::matrix_as(out, dtype_);
}

NdArray OneHotEncoder::inverse_transform(const MatrixView& X) const {
  if (X.cols() != n_out_) {
    throw InputError("X has " + std::to_string(X.cols()) + " columns, expected " + std::to_string(n_out_));
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
        throw UnsupportedError("inverse_transform of grouped infrequent categories is not supported");
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
  estimators::pp::check_allow_nan(*this, X);
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
  return estimators::pp::matrix_as(out, dtype_);
}

}  // namespace skops::preprocessing

namespace skops::estimators::preprocessing_detail {

using namespace skops::preprocessing;
namespace pp = skops::estimators::pp;

namespace {

CategoryList read_categories(const ValueView& v) {
  CategoryList out;
  const Node& n = v.node();
  if (n.kind == NodeKind::NdArray && n.storage == "numpy") {
    const NdArray a = v.as_array();
    if (a.ndim() != 1) v.fail("categories must be 1-d");
    if (a.dtype().kind() == DTypeKind::Unicode) {
      out.unicode = true;
      for (auto& s : a.to_strings()) out.items.push_back(Category::of(std::move(s)));
      return out;
    }
    if (!a.is_numeric() || a.dtype().kind() == DTypeKind::Complex) {
      v.fail("categories of dtype " + a.dtype().name() + " are not supported");
    }
    out.dtype = a.dtype();
    for (double x : a.to_vector<double>()) out.items.push_back(Category::of(x));
    return out;
  }
  for (const auto& item : v.items()) {
    const Node& in = item.node();
    if (in.kind != NodeKind::Json) item.fail("object categories must be str, int, float or None");
    switch (in.scalar) {
      case ScalarKind::Str: out.items.push_back(Category::of(in.str_value)); break;
      case ScalarKind::Int: out.items.push_back(Category::of(static_cast<double>(in.int_value))); break;
      case ScalarKind::Float: out.items.push_back(Category::of(in.float_value)); break;
      case ScalarKind::None: out.items.push_back(Category{Category::Kind::None, 0.0, {}}); break;
      default: item.fail("object categories must be str, int, float or None");
    }
  }
  return out;
}

std::vector<CategoryList> read_all_categories(const ObjectView& obj, std::int64_t n) {
  auto items = obj.at("categories_").items();
  if (n >= 0 && static_cast<std::int64_t>(items.size()) != n) {
    obj.fail("categories_ has " + std::to_string(items.size()) + " columns, n_features_in_ is " +
             std::to_string(n));
  }
  std::vector<CategoryList> out;
  for (const auto& it : items) {
    out.push_back(read_categories(it));
    if (out.back().items.empty()) it.fail("a column has no categories");
  }
  return out;
}

NodePtr categories_node(const CategoryList& c) {
  if (c.dtype) {
    Matrix row(1, static_cast<Eigen::Index>(c.items.size()));
    for (std::size_t i = 0; i < c.items.size(); ++i) row(0, static_cast<Eigen::Index>(i)) = c.items[i].number;
    const NdArray m = pp::matrix_as(row, *c.dtype);
    return make::array(NdArray(m.dtype(), {static_cast<std::int64_t>(c.items.size())}, m.view()));
  }
  if (c.unicode) {
    std::vector<std::string> s;
    for (const auto& it : c.items) s.push_back(it.text);
    return make::array(NdArray::from_strings(s, {static_cast<std::int64_t>(s.size())}));
  }
  std::vector<NodePtr> items;
  for (const auto& it : c.items) {
    switch (it.kind) {
      case Category::Kind::String: items.push_back(make::str(it.text)); break;
      case Category::Kind::Number: items.push_back(make::real(it.number)); break;
      case Category::Kind::None: items.push_back(make::none()); break;
    }
  }
  return make::object_array(std::move(items), {static_cast<std::int64_t>(c.items.size())});
}

NodePtr categories_list_node(const std::vector<CategoryList>& cats) {
  std::vector<NodePtr> out;
  for (const auto& c : cats) out.push_back(categories_node(c));
  return make::list(std::move(out));
}

// A per-column list whose entries are None or small int arrays (drop_idx_ as an object
// array, _infrequent_indices, _default_to_infrequent_mappings).
std::vector<std::optional<std::vector<std::int64_t>>> optional_int_arrays(const ValueView& v,
                                                                          std::size_t n) {
  std::vector<std::optional<std::vector<std::int64_t>>> out;
  auto items = v.items();
  if (items.size() != n) v.fail("expected one entry per input column");
  for (const auto& it : items) {
    if (it.is_none()) {
      out.emplace_back(std::nullopt);
      continue;
    }
    const NdArray a = it.as_array();
    if (a.dtype().kind() != DTypeKind::Int && a.dtype().kind() != DTypeKind::UInt) it.fail("expected an int array");
    out.emplace_back(a.to_vector<std::int64_t>());
  }
  return out;
}

// drop_idx_: None, a numpy int array, or an object array of ints/None; -1 = not dropped.
std::vector<std::int64_t> read_drop(const ValueView& v, std::size_t n) {
  if (v.is_none()) return {};
  std::vector<std::int64_t> out;
  if (v.node().kind == NodeKind::NdArray && v.node().storage == "numpy") {
    const NdArray a = v.as_array();
    if (a.dtype().kind() != DTypeKind::Int || a.ndim() != 1) v.fail("drop index must be a 1-d int array");
    out = a.to_vector<std::int64_t>();
  } else {
    for (const auto& it : v.items()) out.push_back(it.is_none() ? -1 : it.as_int());
  }
  if (out.size() != n) v.fail("drop index length differs from categories_");
  return out;
}

std::unique_ptr<OneHotEncoder> build_onehot(const ObjectView& obj) {
  const auto n = pp::required_n_features(obj);
  auto cats = read_all_categories(obj, n);
  const std::string handle_unknown = obj.str("handle_unknown");
  const DType dtype = obj.has("dtype") ? pp::dtype_param(obj.at("dtype")) : DType::float64();
  // scikit-learn ≥ 1.3 applies _drop_idx_after_grouping; 1.2 applies drop_idx_.
  auto drop_view = obj.find("_drop_idx_after_grouping");
  if (!drop_view) drop_view = obj.find("drop_idx_");
  const auto drop = drop_view ? read_drop(*drop_view, cats.size()) : std::vector<std::int64_t>{};
  const bool infrequent = pp::flag(obj, "_infrequent_enabled", false);
  std::vector<std::optional<std::vector<std::int64_t>>> infrequent_idx(cats.size()), mappings(cats.size());
  if (infrequent) {
    infrequent_idx = optional_int_arrays(obj.at("_infrequent_indices"), cats.size());
    mappings = optional_int_arrays(obj.at("_default_to_infrequent_mappings"), cats.size());
  }
  auto widths_items = obj.at("_n_features_outs").items();
  if (widths_items.size() != cats.size()) obj.fail("_n_features_outs length differs from categories_");

  std::vector<OneHotEncoder::ColumnPlan> plans;
  for (std::size_t i = 0; i < cats.size(); ++i) {
    const auto k = static_cast<std::int64_t>(cats[i].items.size());
    OneHotEncoder::ColumnPlan p;
    p.width = widths_items[i].as_int();
    if (p.width < 0 || p.width > k) widths_items[i].fail("_n_features_outs entry out of range");
    const std::int64_t d = drop.empty() ? -1 : drop[i];
    if (d >= k) obj.fail("drop index out of range for column " + std::to_string(i));
    auto group = [&](std::int64_t c) -> std::int64_t {
      if (!mappings[i]) return c;
      if (mappings[i]->size() != static_cast<std::size_t>(k)) obj.fail("infrequent mapping length mismatch");
      return (*mappings[i])[static_cast<std::size_t>(c)];
    };
    auto place = [&](std::int64_t v) -> std::int64_t {
      if (d < 0) return v;
      return v == d ? -1 : (v > d ? v - 1 : v);
    };
    for (std::int64_t c = 0; c < k; ++c) p.code_to_out.push_back(place(group(c)));
    if (handle_unknown == "error") {
      p.unknown_out = -2;
    } else if (infrequent_idx[i] && !infrequent_idx[i]->empty() && handle_unknown == "infrequent_if_exist") {
      const auto c0 = (*infrequent_idx[i])[0];
      if (c0 < 0 || c0 >= k) obj.fail("infrequent index out of range");
      p.unknown_out = place(group(c0));
    } else {
      p.unknown_out = -1;
    }
    plans.push_back(std::move(p));
  }
  auto est = pp::located(obj, [&] {
    return std::make_unique<OneHotEncoder>(cats, handle_unknown, drop, dtype, plans);
  });
  pp::adopt_identity(*est, obj, n);
  return est;
}

void save_onehot(const OneHotEncoder& e, ObjectWriter& w) {
  const bool v14 = pp::version_at_least(w.ctx().sklearn_version(), 1, 4);
  w.set_default("categories", make::str("auto"));
  if (!v14) w.set_default("sparse", make::str("deprecated"));
  w.set_default("sparse_output", make::boolean(false));
  w.set_default("dtype", pp::dtype_type_node(e.dtype()));
  w.set_default("handle_unknown", make::str(e.handle_unknown()));
  w.set_default("drop", make::none());
  w.set_default("min_frequency", make::none());
  w.set_default("max_categories", make::none());
  if (v14) w.set_default("feature_name_combiner", make::str("concat"));
  w.set_default("_infrequent_enabled", make::boolean(false));
  w.set_int("n_features_in_", e.n_features_in());
  w.set("categories_", categories_list_node(e.categories()));
  NodePtr drop = make::none();
  if (!e.drop_idx().empty()) {
    std::vector<NodePtr> items;
    for (auto d : e.drop_idx()) items.push_back(d < 0 ? make::none() : make::integer(d));
    drop = make::object_array(std::move(items), {static_cast<std::int64_t>(e.drop_idx().size())});
  }
  if (v14) w.set_default("_drop_idx_after_grouping", drop);
  w.set_default("drop_idx_", drop);
  std::vector<NodePtr> widths;
  for (const auto& p : e.plans()) widths.push_back(make::integer(p.width));
  w.set("_n_features_outs", make::list(std::move(widths)));
}

std::unique_ptr<OrdinalEncoder> build_ordinal(const ObjectView& obj) {
  const auto n = pp::required_n_features(obj);
  if (pp::flag(obj, "_infrequent_enabled", false)) {
    throw UnsupportedError("OrdinalEncoder with infrequent categories is not supported", {},
                           obj.node().pointer);
  }
  auto cats = read_all_categories(obj, n);
  const std::string handle_unknown = obj.str("handle_unknown");
  auto number_or = [&](const char* key, double dflt) {
    auto v = obj.find(key);
    return (!v || v->is_none()) ? dflt : v->as_double();
  };
  const double unknown_value = number_or("unknown_value", std::numeric_limits<double>::quiet_NaN());
  const double missing_value = number_or("encoded_missing_value", std::numeric_limits<double>::quiet_NaN());
  const DType dtype = obj.has("dtype") ? pp::dtype_param(obj.at("dtype")) : DType::float64();
  auto est = pp::located(obj, [&] {
    return std::make_unique<OrdinalEncoder>(cats, handle_unknown, unknown_value, missing_value, dtype);
  });
  pp::adopt_identity(*est, obj, n);
  return est;
}

void save_ordinal(const OrdinalEncoder& e, ObjectWriter& w) {
  w.set_default("categories", make::str("auto"));
  w.set_default("dtype", pp::dtype_type_node(e.dtype()));
  w.set_default("handle_unknown", make::str(e.handle_unknown()));
  w.set_default("unknown_value",
                e.handle_unknown() == "error" ? make::none() : make::real(e.unknown_value()));
  w.set_default("encoded_missing_value", make::real(e.encoded_missing_value()));
  if (pp::version_at_least(w.ctx().sklearn_version(), 1, 3)) {
    w.set_default("min_frequency", make::none());
    w.set_default("max_categories", make::none());
    w.set_default("_infrequent_enabled", make::boolean(false));
  }
  w.set_int("n_features_in_", e.n_features_in());
  w.set("categories_", categories_list_node(e.categories()));
  std::vector<DictEntry> missing;
  for (const auto& [col, code] : e.missing_indices()) {
    missing.push_back({std::to_string(col), make::type_ref("builtins", "int"), make::integer(code)});
  }
  w.set_default("_missing_indices", make::dict_entries(std::move(missing)));
}

}  // namespace

void register_encoders(TypeRegistry& reg) {
  reg.add<OneHotEncoder>("sklearn.preprocessing._encoders.OneHotEncoder", build_onehot, save_onehot);
  reg.add<OrdinalEncoder>("sklearn.preprocessing._encoders.OrdinalEncoder", build_ordinal, save_ordinal);
}

}  // namespace skops::estimators::preprocessing_detail
