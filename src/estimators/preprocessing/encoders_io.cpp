// Reading and writing OneHotEncoder/OrdinalEncoder: categories_ (numeric arrays, '<U' arrays
// or object arrays), drop_idx_/_drop_idx_after_grouping and the infrequent-category maps
// turned into per-column output plans.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/preprocessing/_encoders.py

#include <limits>

#include "estimators/utils/validation.hpp"
#include "estimators/utils/nodes.hpp"
#include "estimators/preprocessing/internal.hpp"
#include "skops/error.hpp"
#include "skops/estimators/preprocessing.hpp"

namespace skops::estimators::detail::preprocessing {

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
      case ScalarKind::Str:
        out.items.push_back(Category::of(in.str_value));
        break;
      case ScalarKind::Int:
        out.items.push_back(Category::of(static_cast<double>(in.int_value)));
        break;
      case ScalarKind::Float:
        out.items.push_back(Category::of(in.float_value));
        break;
      case ScalarKind::None:
        out.items.push_back(Category{Category::Kind::None, 0.0, {}});
        break;
      default:
        item.fail("object categories must be str, int, float or None");
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
    for (std::size_t i = 0; i < c.items.size(); ++i)
      row(0, static_cast<Eigen::Index>(i)) = c.items[i].number;
    const NdArray m = detail::matrix_as(row, *c.dtype);
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
      case Category::Kind::String:
        items.push_back(make::str(it.text));
        break;
      case Category::Kind::Number:
        items.push_back(make::real(it.number));
        break;
      case Category::Kind::None:
        items.push_back(make::none());
        break;
    }
  }
  return make::object_array(std::move(items), {static_cast<std::int64_t>(c.items.size())});
}

namespace {

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
    if (a.dtype().kind() != DTypeKind::Int && a.dtype().kind() != DTypeKind::UInt)
      it.fail("expected an int array");
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
    if (a.dtype().kind() != DTypeKind::Int || a.ndim() != 1)
      v.fail("drop index must be a 1-d int array");
    out = a.to_vector<std::int64_t>();
  } else {
    for (const auto& it : v.items()) out.push_back(it.is_none() ? -1 : it.as_int());
  }
  if (out.size() != n) v.fail("drop index length differs from categories_");
  return out;
}

}  // namespace

void save_ordinal(const OrdinalEncoder& e, ObjectWriter& w) {
  w.set_default("categories", make::str("auto"));
  w.set_default("dtype", detail::dtype_type_node(e.dtype()));
  w.set_default("handle_unknown", make::str(e.handle_unknown()));
  w.set_default("unknown_value",
                e.handle_unknown() == "error" ? make::none() : make::real(e.unknown_value()));
  w.set_default("encoded_missing_value", make::real(e.encoded_missing_value()));
  if (w.ctx().target_at_least(1, 3)) {
    w.set_default("min_frequency", make::none());
    w.set_default("max_categories", make::none());
    w.set_default("_infrequent_enabled", make::boolean(false));
  }
  w.set_int("n_features_in_", e.n_features_in());
  w.set("categories_", categories_list_node(e.categories()));
  std::vector<DictEntry> missing;
  for (const auto& [col, code] : e.missing_indices()) {
    missing.push_back(
        {std::to_string(col), make::type_ref("builtins", "int"), make::integer(code)});
  }
  w.set_default("_missing_indices", make::dict_entries(std::move(missing)));
}

std::unique_ptr<OrdinalEncoder> build_ordinal(const ObjectView& obj) {
  const auto n = detail::required_n_features(obj);
  if (detail::flag(obj, "_infrequent_enabled", false)) {
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
  const double missing_value =
      number_or("encoded_missing_value", std::numeric_limits<double>::quiet_NaN());
  const DType dtype = obj.has("dtype") ? detail::dtype_param(obj.at("dtype")) : DType::float64();
  auto est = detail::located(obj, [&] {
    return std::make_unique<OrdinalEncoder>(cats, handle_unknown, unknown_value, missing_value,
                                            dtype);
  });
  detail::adopt_identity(*est, obj, n);
  return est;
}

void save_onehot(const OneHotEncoder& e, ObjectWriter& w) {
  const bool v14 = w.ctx().target_at_least(1, 4);
  w.set_default("categories", make::str("auto"));
  if (!v14) w.set_default("sparse", make::str("deprecated"));
  w.set_default("sparse_output", make::boolean(false));
  w.set_default("dtype", detail::dtype_type_node(e.dtype()));
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

std::unique_ptr<OneHotEncoder> build_onehot(const ObjectView& obj) {
  const auto n = detail::required_n_features(obj);
  auto cats = read_all_categories(obj, n);
  const std::string handle_unknown = obj.str("handle_unknown");
  const DType dtype = obj.has("dtype") ? detail::dtype_param(obj.at("dtype")) : DType::float64();
  // scikit-learn ≥ 1.3 applies _drop_idx_after_grouping; 1.2 applies drop_idx_.
  auto drop_view = obj.find("_drop_idx_after_grouping");
  if (!drop_view) drop_view = obj.find("drop_idx_");
  const auto drop = drop_view ? read_drop(*drop_view, cats.size()) : std::vector<std::int64_t>{};
  const bool infrequent = detail::flag(obj, "_infrequent_enabled", false);
  std::vector<std::optional<std::vector<std::int64_t>>> infrequent_idx(cats.size()),
      mappings(cats.size());
  if (infrequent) {
    infrequent_idx = optional_int_arrays(obj.at("_infrequent_indices"), cats.size());
    mappings = optional_int_arrays(obj.at("_default_to_infrequent_mappings"), cats.size());
  }
  auto widths_items = obj.at("_n_features_outs").items();
  if (widths_items.size() != cats.size())
    obj.fail("_n_features_outs length differs from categories_");

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
      if (mappings[i]->size() != static_cast<std::size_t>(k))
        obj.fail("infrequent mapping length mismatch");
      return (*mappings[i])[static_cast<std::size_t>(c)];
    };
    auto place = [&](std::int64_t v) -> std::int64_t {
      if (d < 0) return v;
      return v == d ? -1 : (v > d ? v - 1 : v);
    };
    for (std::int64_t c = 0; c < k; ++c) p.code_to_out.push_back(place(group(c)));
    if (handle_unknown == "error") {
      p.unknown_out = -2;
    } else if (infrequent_idx[i] && !infrequent_idx[i]->empty() &&
               handle_unknown == "infrequent_if_exist") {
      const auto c0 = (*infrequent_idx[i])[0];
      if (c0 < 0 || c0 >= k) obj.fail("infrequent index out of range");
      p.unknown_out = place(group(c0));
    } else {
      p.unknown_out = -1;
    }
    plans.push_back(std::move(p));
  }
  auto est = detail::located(obj, [&] {
    return std::make_unique<OneHotEncoder>(cats, handle_unknown, drop, dtype, plans);
  });
  detail::adopt_identity(*est, obj, n);
  return est;
}

}  // namespace skops::estimators::detail::preprocessing
