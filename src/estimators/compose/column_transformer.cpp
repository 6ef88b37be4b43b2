// ColumnTransformer on a numeric matrix: transformers_ entries in order (the remainder is
// one of them when it selects columns), outputs stacked side by side.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/compose/_column_transformer.py

#include <cstdlib>
#include <set>

#include "estimators/utils/validation.hpp"
#include "estimators/utils/nodes.hpp"
#include "estimators/compose/internal.hpp"
#include "estimators/pipeline/steps.hpp"
#include "skops/estimators/compose.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

ColumnTransformer::ColumnTransformer(std::vector<Part> parts, std::int64_t n_features)
    : parts_(std::move(parts)) {
  if (n_features < 1) throw ValidationError("ColumnTransformer: n_features_in_ must be positive");
  std::set<std::string> names;
  for (const Part& p : parts_) {
    if (!names.insert(p.step.name).second) {
      throw ValidationError("ColumnTransformer: transformer name \"" + p.step.name + "\" repeats");
    }
    for (auto c : p.columns) {
      if (c < 0 || c >= n_features) {
        throw ValidationError("ColumnTransformer: column " + std::to_string(c) + " of \"" +
                              p.step.name + "\" is out of range for " + std::to_string(n_features) +
                              " features");
      }
    }
    if (p.step.estimator && !p.step.estimator->supports(Method::Transform)) {
      throw ValidationError("ColumnTransformer: \"" + p.step.name + "\" cannot transform");
    }
    if (!p.step.estimator && p.step.kind != "passthrough" && p.step.kind != "drop") {
      throw ValidationError("ColumnTransformer: \"" + p.step.name +
                            "\" must be an estimator, 'drop' or 'passthrough'");
    }
  }
  set_type_name("sklearn.compose._column_transformer.ColumnTransformer");
  set_n_features_in(n_features);
}

bool ColumnTransformer::accepts_strings() const noexcept {
  for (const Part& p : parts_) {
    if (p.step.kind == "drop") continue;
    if (!p.step.estimator || p.step.estimator->accepts_strings()) return true;
  }
  return false;
}

namespace {
// _iter(fitted=True, replace_strings=True) skips estimators with an empty column list.
bool skipped(const ColumnTransformer::Part& p) {
  return p.step.kind == "drop" ||
         (p.step.estimator && p.columns.empty() &&
          !(p.columns_spec && p.columns_spec->kind == NodeKind::Slice));
}
}  // namespace

NdArray ColumnTransformer::run(Method m, const MatrixView& X) const { return stack(m, X, false); }

NdArray ColumnTransformer::run_float32(Method m, const MatrixView& X) const {
  return stack(m, X, true);
}

NdArray ColumnTransformer::stack(Method m, const MatrixView& X, bool float32) const {
  if (m != Method::Transform)
    throw UnsupportedError("ColumnTransformer has no method " + std::string(to_string(m)));
  check_input(X);
  for (const Part& p : parts_) {
    if (p.by_name && p.step.kind != "drop") {
      throw InputError("ColumnTransformer: part \"" + p.step.name +
                       "\" selects its columns by name, which needs a table with column names "
                       "(scikit-learn: only supported for pandas DataFrames); a matrix has none");
    }
    if (p.one_d && p.step.kind != "drop") {
      throw InputError("ColumnTransformer: part \"" + p.step.name +
                       "\" takes a text column; a numeric matrix has none (pass a table)");
    }
  }
  std::vector<estimators::detail::pipeline::Block> blocks;
  for (const Part& p : parts_) {
    if (skipped(p)) continue;
    Matrix sub(X.rows(), static_cast<Eigen::Index>(p.columns.size()));
    for (std::size_t k = 0; k < p.columns.size(); ++k)
      sub.col(static_cast<Eigen::Index>(k)) = X.col(p.columns[k]);
    // Passthrough columns keep X's dtype.
    DType d = float32 ? DType::float32() : DType::float64();
    Matrix out = p.step.estimator ? estimators::detail::pipeline::transform_matrix(*p.step.estimator,
                                                                                 sub, &d, float32)
                                  : sub;
    if (p.weighted) out *= estimators::detail::pipeline::block_weight(p.weight, d);
    blocks.push_back({std::move(out), d});
  }
  return estimators::detail::pipeline::hstack(blocks, X.rows());
}

std::vector<Table> ColumnTransformer::part_inputs(const Table& X) const {
  std::vector<Table> out(parts_.size());
  const auto& names = feature_names_in();
  if (X.has_names() && !names.empty()) {
    // transform(): fit_dataframe_and_transform_dataframe — columns by label, every label a
    // non-dropped part uses must be there.
    std::set<std::string> missing;
    for (const Part& p : parts_) {
      if (p.step.kind == "drop") continue;
      for (auto c : p.columns) {
        const auto& name = names[static_cast<std::size_t>(c)];
        if (!X.find(name)) missing.insert(name);
      }
    }
    if (!missing.empty()) {
      std::string list;
      for (const auto& n : missing) list += (list.empty() ? "'" : ", '") + n + "'";
      throw InputError("ColumnTransformer: columns are missing: {" + list + "}");
    }
    for (std::size_t k = 0; k < parts_.size(); ++k) {
      if (skipped(parts_[k])) continue;
      std::vector<std::size_t> idx;
      for (auto c : parts_[k].columns) idx.push_back(*X.find(names[static_cast<std::size_t>(c)]));
      out[k] = estimators::detail::pipeline::take_columns(X, idx);
    }
    return out;
  }
  check_table_columns(X);
  for (std::size_t k = 0; k < parts_.size(); ++k) {
    const Part& p = parts_[k];
    if (skipped(p)) continue;
    if (p.by_name) {
      throw InputError("ColumnTransformer: part \"" + p.step.name +
                       "\" selects its columns by name; " +
                       (X.has_names() ? "this ColumnTransformer was fitted without feature names"
                                      : "a positional table has no column names"));
    }
    std::vector<std::size_t> idx(p.columns.begin(), p.columns.end());
    out[k] = estimators::detail::pipeline::take_columns(X, idx);
  }
  return out;
}

TableTransform ColumnTransformer::on_table_transform(const Table& X) const {
  const std::vector<Table> inputs = part_inputs(X);
  std::vector<estimators::detail::pipeline::FlowBlock> blocks;
  for (std::size_t k = 0; k < parts_.size(); ++k) {
    const Part& p = parts_[k];
    if (skipped(p)) continue;
    if (!p.step.estimator) {
      if (inputs[k].n_cols() == 0) continue;  // an empty selection adds no columns
      auto b = estimators::detail::pipeline::passthrough_block(inputs[k]);
      if (p.weighted) {
        auto* m = std::get_if<Matrix>(&b.values);
        if (!m) throw UnsupportedError("ColumnTransformer: a weighted passthrough of strings");
        *m *= estimators::detail::pipeline::block_weight(p.weight, b.dtype);
      }
      blocks.push_back(std::move(b));
      continue;
    }
    if (p.one_d) {
      // A 1-d column of documents: the vectorizer's CSR result joins the others densified
      // (scikit-learn keeps the stack sparse when its density is under sparse_threshold;
      // the values are the same).
      namespace pl = estimators::detail::pipeline;
      const auto docs = pl::column_documents(inputs[k], "ColumnTransformer part \"" + p.step.name + "\"");
      DType d = DType::float64();
      Matrix out = pl::flow_matrix(pl::as_flow(p.step.estimator->transform_documents(docs),
                                               *p.step.estimator, docs.size(), &d));
      if (p.weighted) out *= pl::block_weight(p.weight, d);
      blocks.push_back({std::move(out), d});
      continue;
    }
    blocks.push_back(estimators::detail::pipeline::transform_block(*p.step.estimator, inputs[k],
                                                                   p.weighted, p.weight));
  }
  return estimators::detail::pipeline::hstack_flows(std::move(blocks), X.n_rows());
}

NdArray ColumnTransformer::on_table(Method m, const Table& X) const {
  if (m != Method::Transform)
    throw UnsupportedError("ColumnTransformer has no method " + std::string(to_string(m)));
  TableTransform t = on_table_transform(X);
  if (auto* a = std::get_if<NdArray>(&t)) return std::move(*a);
  return estimators::detail::pipeline::table_result(std::get<Table>(t), type_name());
}

}  // namespace skops::estimators

namespace skops::estimators::detail::compose {

using namespace detail::pipeline;  // read_step, step_value_node, hstack: shared with FeatureUnion

namespace {

std::optional<std::int64_t> slice_bound(const std::string& text, const ValueView& v) {
  if (text == "null" || text.empty()) return std::nullopt;
  char* end = nullptr;
  const long long x = std::strtoll(text.c_str(), &end, 10);
  if (end == text.c_str() || *end != '\0') {
    throw UnsupportedError("ColumnTransformer: slice bound " + text +
                               " is not an integer (column names need a DataFrame)",
                           {}, v.pointer());
  }
  return x;
}

// Python's slice.indices(n) and range().
std::vector<std::int64_t> slice_columns(const ValueView& v, std::int64_t n) {
  const Node& s = v.node();
  const auto start = slice_bound(s.slice_start, v);
  const auto stop = slice_bound(s.slice_stop, v);
  const auto step_opt = slice_bound(s.slice_step, v);
  const std::int64_t step = step_opt.value_or(1);
  if (step == 0) v.fail("slice step cannot be zero");
  auto clamp = [&](std::optional<std::int64_t> b, std::int64_t dflt) {
    if (!b) return dflt;
    std::int64_t x = *b;
    if (x < 0) x += n;
    if (step > 0) return std::min(std::max<std::int64_t>(x, 0), n);
    return std::min(std::max<std::int64_t>(x, -1), n - 1);
  };
  const std::int64_t lo = clamp(start, step > 0 ? 0 : n - 1);
  const std::int64_t hi = clamp(stop, step > 0 ? n : -1);
  std::vector<std::int64_t> out;
  for (std::int64_t i = lo; step > 0 ? i < hi : i > hi; i += step) out.push_back(i);
  return out;
}

// A column name → its index in feature_names_in_ (how fit resolved it).
std::int64_t name_index(const ValueView& v, const std::vector<std::string>& names) {
  if (names.empty())
    v.fail("a column name needs feature_names_in_, which this ColumnTransformer lacks");
  const std::string s = v.as_str();
  const auto it = std::find(names.begin(), names.end(), s);
  if (it == names.end()) v.fail("column \"" + s + "\" is not in feature_names_in_");
  return static_cast<std::int64_t>(it - names.begin());
}

std::vector<std::int64_t> columns_of(const ValueView& v, std::int64_t n,
                                     const std::vector<std::string>& names, bool* by_name,
                                     bool* one_d) {
  const Node& node = v.node();
  auto normalize = [&](std::int64_t c) {
    if (c < -n || c >= n) v.fail("column index " + std::to_string(c) + " is out of range");
    return c < 0 ? c + n : c;
  };
  if (node.kind == NodeKind::Slice) return slice_columns(v, n);
  // A scalar selects a 1-d column (a pandas Series): documents for a text vectorizer.
  if (node.kind == NodeKind::Json && node.scalar == ScalarKind::Int) {
    *one_d = true;
    return {normalize(node.int_value)};
  }
  if (node.kind == NodeKind::Json && node.scalar == ScalarKind::Str) {
    *one_d = true;
    *by_name = true;
    return {name_index(v, names)};
  }
  std::vector<std::int64_t> out;
  if (node.kind == NodeKind::NdArray && node.storage == "numpy") {
    const NdArray a = v.as_array();
    if (a.ndim() != 1) v.fail("column selection must be 1-d");
    if (a.dtype().kind() == DTypeKind::Bool) {
      if (a.dim(0) != n) v.fail("boolean column mask has the wrong length");
      const auto mask = a.to_vector<std::int64_t>();
      for (std::int64_t j = 0; j < n; ++j) {
        if (mask[static_cast<std::size_t>(j)]) out.push_back(j);
      }
      return out;
    }
    if (a.dtype().kind() == DTypeKind::Unicode) {
      *by_name = true;
      for (const auto& s : a.to_strings()) {
        const auto it = std::find(names.begin(), names.end(), s);
        if (it == names.end()) v.fail("column \"" + s + "\" is not in feature_names_in_");
        out.push_back(static_cast<std::int64_t>(it - names.begin()));
      }
      return out;
    }
    if (a.dtype().kind() != DTypeKind::Int && a.dtype().kind() != DTypeKind::UInt) {
      throw UnsupportedError("ColumnTransformer: column selection of dtype " + a.dtype().name() +
                                 " is not supported (column names need a DataFrame)",
                             {}, v.pointer());
    }
    for (auto c : a.to_vector<std::int64_t>()) out.push_back(normalize(c));
    return out;
  }
  const auto items = v.items();
  bool all_bool = !items.empty();
  std::size_t strings = 0;
  for (const auto& it : items) {
    const Node& in = it.node();
    if (in.kind == NodeKind::Json && in.scalar == ScalarKind::Str) ++strings;
    all_bool = all_bool && in.kind == NodeKind::Json && in.scalar == ScalarKind::Bool;
  }
  if (strings > 0) {
    if (strings != items.size()) v.fail("a column list mixes names and other keys");
    *by_name = true;
    for (const auto& it : items) out.push_back(name_index(it, names));
    return out;
  }
  if (all_bool) {
    if (static_cast<std::int64_t>(items.size()) != n)
      v.fail("boolean column mask has the wrong length");
    for (std::int64_t j = 0; j < n; ++j) {
      if (items[static_cast<std::size_t>(j)].as_bool()) out.push_back(j);
    }
    return out;
  }
  for (const auto& it : items) out.push_back(normalize(it.as_int()));
  return out;
}

NodePtr name_list(const std::vector<std::int64_t>& v, const std::vector<std::string>& names) {
  std::vector<NodePtr> items;
  for (auto x : v) items.push_back(make::str(names.at(static_cast<std::size_t>(x))));
  return make::list(std::move(items));
}

NodePtr int_list(const std::vector<std::int64_t>& v) {
  std::vector<NodePtr> items;
  for (auto x : v) items.push_back(make::integer(x));
  return make::list(std::move(items));
}

// The fitted identity transformer scikit-learn >= 1.4 keeps in transformers_ where a
// 'passthrough' part was given (its transform iterates transformers_ and calls .transform).
NodePtr fitted_passthrough(std::int64_t n_columns, SaveContext& ctx) {
  ObjectWriter f("sklearn.preprocessing._function_transformer", "FunctionTransformer", nullptr,
                 ctx);
  f.set_none("func");
  f.set_none("inverse_func");
  f.set_bool("validate", false);
  f.set_bool("accept_sparse", true);
  f.set_bool("check_inverse", false);
  f.set_str("feature_names_out", "one-to-one");
  f.set_none("kw_args");
  f.set_none("inv_kw_args");
  f.set("_sklearn_output_config", make::dict({{"transform", make::str("default")}}));
  f.set_int("n_features_in_", n_columns);
  return f.finish();
}

}  // namespace

void save_column_transformer(const ColumnTransformer& ct, ObjectWriter& w) {
  // scikit-learn 1.4 (PR #27204) stores a fitted FunctionTransformer for 'passthrough' in
  // transformers_; before, the string, resolved through _name_to_fitted_passthrough. A loaded
  // estimator keeps the layout of the version its file came from.
  const bool fitted_identity =
      ct.original_state() == nullptr && w.ctx().target_at_least(1, 4);
  std::vector<NodePtr> fitted, unfitted, columns;
  std::vector<std::pair<std::string, NodePtr>> to_input;
  std::vector<std::pair<std::string, NodePtr>> weights;
  std::set<std::int64_t> used;
  NodePtr remainder = make::tuple({make::str("remainder"), make::str("drop"), make::list({})});
  NodePtr remainder_param = make::str("drop");
  const auto& feature_names = ct.feature_names_in();
  for (const auto& p : ct.parts()) {
    if (p.by_name && !p.columns_spec && feature_names.empty()) {
      throw UnsupportedError("ColumnTransformer: part \"" + p.step.name +
                             "\" selects by name but feature_names_in is not set");
    }
    NodePtr cols = p.columns_spec ? p.columns_spec
                   : p.by_name    ? name_list(p.columns, feature_names)
                                  : int_list(p.columns);
    if (!p.columns_spec && p.one_d && p.columns.size() == 1) {
      cols = p.by_name ? make::str(feature_names[static_cast<std::size_t>(p.columns[0])])
                       : make::integer(p.columns[0]);
    }
    const NodePtr value = step_value_node(p.step, w.ctx());
    const NodePtr entry = make::tuple({make::str(p.step.name), value, cols});
    const bool passthrough = !p.step.estimator && p.step.kind == "passthrough";
    fitted.push_back(
        fitted_identity && passthrough
            ? make::tuple({make::str(p.step.name),
                           fitted_passthrough(static_cast<std::int64_t>(p.columns.size()), w.ctx()),
                           cols})
            : entry);
    if (p.weighted) weights.emplace_back(p.step.name, make::real(p.weight));
    to_input.emplace_back(p.step.name, int_list(p.columns));
    if (p.step.name == "remainder") {
      remainder = entry;
      remainder_param = value;
      continue;
    }
    unfitted.push_back(entry);
    columns.push_back(cols);
    used.insert(p.columns.begin(), p.columns.end());
  }
  w.set_default("transformers", make::list(unfitted));
  w.set_default("remainder", remainder_param);
  w.set_default("sparse_threshold", make::real(0.3));
  w.set_default("n_jobs", make::none());
  w.set_default("transformer_weights", weights.empty() ? make::none() : make::dict(weights));
  w.set_default("verbose", make::boolean(false));
  w.set_default("verbose_feature_names_out", make::boolean(true));
  w.set_int("n_features_in_", ct.n_features_in());
  w.set_default("_columns", make::list(columns));
  if (std::none_of(ct.parts().begin(), ct.parts().end(),
                   [](const auto& p) { return p.step.name == "remainder"; })) {
    to_input.emplace_back("remainder", make::list({}));
  }
  w.set_default("_transformer_to_input_indices", make::dict(to_input));
  w.set_default("_n_features", make::integer(ct.n_features_in()));
  w.set_default("_remainder", remainder);
  w.set_default("sparse_output_", make::boolean(false));
  if (!fitted_identity) w.set_default("_name_to_fitted_passthrough", make::dict({}));
  w.set("transformers_", make::list(fitted));
}

std::unique_ptr<ColumnTransformer> build_column_transformer(const ObjectView& obj) {
  std::int64_t n = detail::optional_n_features(obj);
  if (n < 0) {
    auto v = obj.find("_n_features");
    if (!v) obj.fail("required attribute n_features_in_ missing");
    n = v->as_int();
    if (n < 1 || n >= (std::int64_t{1} << 31)) v->fail("_n_features is out of range");
  }
  std::map<std::string, double> weights;
  if (auto w = obj.find("transformer_weights"); w && !w->is_none()) {
    if (w->node().kind != NodeKind::Dict) w->fail("transformer_weights must be a dict");
    for (const auto& e : w->node().entries)
      weights[e.key] = ValueView(e.value, obj.ctx()).as_double();
  }
  std::vector<std::string> feature_names;
  if (auto f = obj.find("feature_names_in_"); f && !f->is_none()) {
    for (const auto& item : f->items()) feature_names.push_back(item.as_str());
  }
  std::vector<ColumnTransformer::Part> parts;
  for (const auto& item : obj.at("transformers_").items()) {
    if (item.node().kind != NodeKind::Tuple && item.node().kind != NodeKind::List) {
      item.fail("a transformers_ entry must be a (name, transformer, columns) tuple");
    }
    const auto triple = item.items();
    if (triple.size() != 3) item.fail("a transformers_ entry must have 3 items");
    ColumnTransformer::Part p;
    const std::string name = triple[0].as_str();
    p.step = read_step(name, triple[1], true, false);
    p.columns = columns_of(triple[2], n, feature_names, &p.by_name, &p.one_d);
    if (p.one_d && p.step.kind != "drop" && !(p.step.estimator && p.step.estimator->accepts_documents())) {
      throw UnsupportedError(
          "ColumnTransformer: part \"" + name + "\" selects one column as a 1-d array, which "
          "only a text vectorizer (or a pipeline starting with one) takes", {}, triple[2].pointer());
    }
    p.columns_spec = triple[2].ptr();
    if (auto it = weights.find(name); it != weights.end()) {
      p.weight = it->second;
      p.weighted = true;
    }
    parts.push_back(std::move(p));
  }
  auto est =
      detail::located(obj, [&] { return std::make_unique<ColumnTransformer>(std::move(parts), n); });
  detail::adopt_identity(*est, obj, n);
  return est;
}

}  // namespace skops::estimators::detail::compose
