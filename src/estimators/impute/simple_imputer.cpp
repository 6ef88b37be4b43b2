// SimpleImputer (numeric data) with its optional MissingIndicator columns.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/impute/_base.py#L535-L625

#include <algorithm>
#include <cmath>

#include "estimators/utils/validation.hpp"
#include "estimators/utils/nodes.hpp"
#include "estimators/impute/internal.hpp"
#include "estimators/pipeline/steps.hpp"
#include "estimators/preprocessing/internal.hpp"
#include "skops/error.hpp"
#include "skops/estimators/preprocessing.hpp"

namespace skops::estimators {

SimpleImputer::SimpleImputer(std::vector<double> statistics, std::string strategy,
                             double missing_values, bool keep_empty_features,
                             std::optional<double> fill_value)
    : statistics_(std::move(statistics)),
      strategy_(std::move(strategy)),
      missing_values_(missing_values),
      keep_empty_features_(keep_empty_features),
      fill_value_(fill_value) {
  if (statistics_.empty()) throw ValidationError("SimpleImputer: statistics_ is empty");
  if (strategy_ != "mean" && strategy_ != "median" && strategy_ != "most_frequent" &&
      strategy_ != "constant") {
    throw ValidationError("SimpleImputer: unsupported strategy \"" + strategy_ + "\"");
  }
  if (std::isinf(missing_values_))
    throw ValidationError("SimpleImputer: missing_values is infinite");
  set_type_name("sklearn.impute._base.SimpleImputer");
  set_n_features_in(static_cast<std::int64_t>(statistics_.size()));
}

void SimpleImputer::set_indicator_features(std::vector<std::int64_t> features) {
  for (std::size_t i = 0; i < features.size(); ++i) {
    if (features[i] < 0 || features[i] >= n_features_in() ||
        (i > 0 && features[i] <= features[i - 1])) {
      throw ValidationError(
          "SimpleImputer: indicator features must be increasing column indices < " +
          std::to_string(n_features_in()));
    }
  }
  indicator_ = std::move(features);
}

void SimpleImputer::set_object_statistics(std::vector<Category> statistics) {
  if (static_cast<std::int64_t>(statistics.size()) != n_features_in())
    throw ValidationError("SimpleImputer: statistics_ needs one value per feature");
  if (!std::isnan(missing_values_))
    throw UnsupportedError("SimpleImputer: object data with missing_values other than NaN");
  object_stats_ = std::move(statistics);
}

NdArray SimpleImputer::do_transform(const MatrixView& X) const {
  if (object_stats_.empty()) return transform_as<double>(X);
  // Fitted on object data: scikit-learn converts X to object, so the numbers are cells.
  std::vector<Column> cols;
  for (Eigen::Index j = 0; j < X.cols(); ++j) {
    std::vector<double> v(static_cast<std::size_t>(X.rows()));
    for (Eigen::Index i = 0; i < X.rows(); ++i) v[static_cast<std::size_t>(i)] = X(i, j);
    cols.push_back(Column::float64(std::to_string(j), std::move(v)));
  }
  TableTransform t = transform_objects(Table::positional(std::move(cols)));
  if (auto* a = std::get_if<NdArray>(&t)) return std::move(*a);
  return estimators::detail::pipeline::table_result(std::get<Table>(t), type_name());
}

NdArray SimpleImputer::on_table(Method m, const Table& X) const {
  if (m != Method::Transform) return TransformerBase::on_table(m, X);
  TableTransform t = on_table_transform(X);
  if (auto* a = std::get_if<NdArray>(&t)) return std::move(*a);
  return estimators::detail::pipeline::table_result(std::get<Table>(t), type_name());
}

TableTransform SimpleImputer::on_table_transform(const Table& X) const {
  if (object_stats_.empty()) return TransformerBase::on_table(Method::Transform, X);
  check_table_columns(X);
  return transform_objects(X);
}

TableTransform SimpleImputer::transform_objects(const Table& X) const {
  // transform() on object data: drop the columns whose statistic is NaN (unless
  // keep_empty_features), put the statistic where a cell is NaN (_object_dtype_isnan), then
  // the indicator columns. A string statistic in a numeric column with numbers in it, or a
  // number in a string column, would make a mixed object column, which a Table cannot hold.
  std::vector<Column> out;
  for (std::size_t j = 0; j < object_stats_.size(); ++j) {
    Category stat = object_stats_[j];
    const bool empty = stat.kind == Category::Kind::Number && std::isnan(stat.number);
    if (empty && strategy_ != "constant") {
      if (!keep_empty_features_) continue;
      stat = Category::of(0.0);
    }
    const Column& c = X.column(j);
    if (c.missing_count() == 0 || (stat.kind == Category::Kind::Number && std::isnan(stat.number) &&
                                   c.type() != ColumnType::String)) {
      out.push_back(c);
      continue;
    }
    if (c.type() != ColumnType::String && stat.kind == Category::Kind::String &&
        c.missing_count() == c.size()) {
      // Only missing cells (a one-record table with a null category reads as float64 NaN,
      // as pandas reads it): numpy's object array holds NaN there, filled with the string.
      out.push_back(Column::string(c.name(), std::vector<std::string_view>(c.size(), stat.text)));
    } else if (c.type() == ColumnType::String && stat.kind == Category::Kind::String) {
      std::vector<std::string_view> v(c.size());
      for (std::size_t i = 0; i < c.size(); ++i)
        v[i] = c.is_missing(i) ? std::string_view(stat.text) : c.string_at(i);
      out.push_back(Column::string(c.name(), v));
    } else if (c.type() != ColumnType::String && stat.kind == Category::Kind::Number) {
      std::vector<double> v(c.size());
      for (std::size_t i = 0; i < c.size(); ++i) v[i] = c.is_missing(i) ? stat.number : c.as_double(i);
      out.push_back(Column::float64(c.name(), std::move(v)));
    } else {
      throw UnsupportedError("SimpleImputer: filling column " + std::to_string(j) + " (" +
                             to_string(c.type()) + ") with a " +
                             (stat.kind == Category::Kind::String ? "string" : "non-string") +
                             " statistic makes a mixed object column, which is not supported");
    }
  }
  if (indicator_) {
    for (auto f : *indicator_) {
      const Column& c = X.column(static_cast<std::size_t>(f));
      std::vector<double> v(c.size());
      for (std::size_t i = 0; i < c.size(); ++i) v[i] = c.is_missing(i) ? 1.0 : 0.0;
      out.push_back(Column::float64("indicator" + std::to_string(f), std::move(v)));
    }
  }
  Table t = Table::positional(std::move(out));
  if (estimators::detail::pipeline::all_numeric(t))
    return estimators::detail::pipeline::table_result(t, type_name());
  return t;
}

NdArray SimpleImputer::do_transform_float32(const MatrixView& X) const {
  return transform_as<float>(X);
}

NdArray SimpleImputer::inverse_transform(const MatrixView& X) const {
  // sklearn/impute/_base.py SimpleImputer.inverse_transform (X is not validated there).
  if (!indicator_) {
    throw UnsupportedError("SimpleImputer.inverse_transform needs add_indicator=True");
  }
  const std::vector<std::int64_t>& features = *indicator_;
  const auto n_missing = static_cast<Eigen::Index>(features.size());
  if (X.cols() < n_missing) {
    throw InputError("SimpleImputer.inverse_transform: X has " + std::to_string(X.cols()) +
                     " columns, fewer than the " + std::to_string(n_missing) +
                     " indicator columns");
  }
  const Eigen::Index imputed_cols = X.cols() - n_missing;
  const auto n_original = static_cast<Eigen::Index>(statistics_.size());
  // X_original = zeros; X_original[:, features_] = mask (astype(bool): NaN counts as true).
  Matrix out = Matrix::Zero(X.rows(), n_original);
  for (Eigen::Index k = 0; k < n_missing; ++k) {
    const auto col = static_cast<Eigen::Index>(features[static_cast<std::size_t>(k)]);
    for (Eigen::Index i = 0; i < X.rows(); ++i) out(i, col) = X(i, imputed_cols + k) != 0 ? 1 : 0;
  }
  const Matrix mask = out;
  // Imputed columns go, in order, to the original columns that are not missing in every row
  // (np.all of the mask column: a column missing everywhere in this X is skipped).
  Eigen::Index original = 0;
  for (Eigen::Index imputed = 0; imputed < imputed_cols; ++original) {
    if (original >= n_original) {
      throw InputError("SimpleImputer.inverse_transform: more imputed columns than features");
    }
    bool all_missing = true;
    for (Eigen::Index i = 0; i < X.rows() && all_missing; ++i) all_missing = out(i, original) != 0;
    if (!all_missing) out.col(original) = X.col(imputed++);
  }
  for (Eigen::Index i = 0; i < out.rows(); ++i) {
    for (Eigen::Index j = 0; j < out.cols(); ++j) {
      if (mask(i, j) != 0) out(i, j) = missing_values_;
    }
  }
  return to_ndarray(out);
}

template <class T>
NdArray SimpleImputer::transform_as(const MatrixView& X) const {
  // In X's dtype, as numpy: `X == missing_values` compares with T(missing_values), and the
  // float64 statistics are rounded to T when assigned into X.
  const bool nan_missing = std::isnan(missing_values_);
  // check_array(force_all_finite="allow-nan" if missing_values is NaN else True).
  if (nan_missing) {
    estimators::detail::check_allow_nan(*this, X);
  } else {
    check_finite_input(X);
  }
  const T missing = static_cast<T>(missing_values_);
  auto is_missing = [&](double x) {
    return nan_missing ? std::isnan(x) : static_cast<T>(x) == missing;
  };
  std::vector<Eigen::Index> kept;
  for (std::size_t j = 0; j < statistics_.size(); ++j) {
    if (strategy_ == "constant" || keep_empty_features_ || !std::isnan(statistics_[j])) {
      kept.push_back(static_cast<Eigen::Index>(j));
    }
  }
  const auto n_ind = indicator_ ? static_cast<Eigen::Index>(indicator_->size()) : 0;
  const Eigen::Index cols = static_cast<Eigen::Index>(kept.size()) + n_ind;
  std::vector<T> out(static_cast<std::size_t>(X.rows() * cols));
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    T* row = out.data() + i * cols;
    for (std::size_t k = 0; k < kept.size(); ++k) {
      const double x = X(i, kept[k]);
      row[k] = static_cast<T>(is_missing(x) ? statistics_[static_cast<std::size_t>(kept[k])] : x);
    }
    for (Eigen::Index k = 0; k < n_ind; ++k) {
      const auto col = static_cast<Eigen::Index>((*indicator_)[static_cast<std::size_t>(k)]);
      row[static_cast<Eigen::Index>(kept.size()) + k] = is_missing(X(i, col)) ? 1 : 0;
    }
  }
  return NdArray::from_vector(
      out, {static_cast<std::int64_t>(X.rows()), static_cast<std::int64_t>(cols)});
}

}  // namespace skops::estimators

namespace skops::estimators::detail::impute {

double missing_value_of(const ValueView& v) {
  const Node& n = v.node();
  if (n.kind == NodeKind::Json && (n.scalar == ScalarKind::Float || n.scalar == ScalarKind::Int)) {
    return v.as_double();
  }
  throw UnsupportedError("missing_values must be a number or NaN for numeric input",
                         {}, v.pointer());
}

// indicator_ (a MissingIndicator): the input columns whose mask is appended.
std::vector<std::int64_t> read_indicator(const ValueView& ind, std::int64_t n) {
  if (ind.node().kind != NodeKind::Object ||
      ind.node().type_name() != "sklearn.impute._base.MissingIndicator") {
    ind.fail("indicator_ must be a sklearn.impute._base.MissingIndicator");
  }
  const NodePtr state = ind.node().child("content");
  if (!state || state->kind != NodeKind::Dict) ind.fail("MissingIndicator has no attribute dict");
  ValueView s(state, ind.ctx());
  const NdArray f = s.at("features_").as_array();
  if (f.ndim() != 1 ||
      (f.dtype().kind() != DTypeKind::Int && f.dtype().kind() != DTypeKind::UInt)) {
    s.at("features_").fail("features_ must be a 1-d int array");
  }
  auto features = f.to_vector<std::int64_t>();
  for (std::size_t i = 0; i < features.size(); ++i) {
    if (features[i] < 0 || features[i] >= n) s.at("features_").fail("feature index out of range");
    // np.flatnonzero of the fit mask: strictly increasing.
    if (i > 0 && features[i] <= features[i - 1])
      s.at("features_").fail("feature indices must be strictly increasing");
  }
  if (auto e = s.find("error_on_new"); e && e->as_bool()) {
    if (auto mode = s.find("features"); mode && mode->as_str() == "missing-only") {
      throw UnsupportedError("MissingIndicator with error_on_new=True is not supported", {},
                             ind.pointer());
    }
  }
  return features;
}

void save_imputer(const SimpleImputer& e, ObjectWriter& w) {
  w.set_default("missing_values", make::real(e.missing_values()));
  w.set_default("add_indicator", make::boolean(e.indicator_features().has_value()));
  w.set_default("keep_empty_features", make::boolean(e.keep_empty_features()));
  w.set("strategy", make::str(e.strategy()));
  w.set_default("fill_value", e.fill_value() ? make::real(*e.fill_value()) : make::none());
  if (!w.ctx().target_at_least(1, 3)) w.set_default("verbose", make::str("deprecated"));
  w.set_default("copy", make::boolean(true));
  w.set_int("n_features_in_", e.n_features_in());
  // _fit_dtype: a numpy.dtype node (DTypeNode) holding an empty float64 array.
  auto dtype_node = std::make_shared<Node>();
  dtype_node->kind = NodeKind::DType;
  dtype_node->module = "numpy";
  dtype_node->cls = "dtype";
  // Fitted on object data: an object dtype, so that scikit-learn keeps X as objects.
  dtype_node->children.push_back(
      {"content", e.object_statistics().empty()
                      ? make::array(NdArray::from_vector(std::vector<double>{}))
                      : make::object_array({}, {0})});
  w.set_default("_fit_dtype", dtype_node);
  if (const auto& features = e.indicator_features()) {
    if (e.original_state() == nullptr) {
      // The MissingIndicator SimpleImputer.fit makes (the same in 1.2 and 1.4): fitted on
      // the missing mask itself (_precomputed), features_ = the columns that had missing
      // values. A loaded imputer keeps the one its file holds.
      ObjectWriter ind("sklearn.impute._base", "MissingIndicator", nullptr, w.ctx());
      ind.set("missing_values", make::real(e.missing_values()));
      ind.set_str("features", "missing-only");
      ind.set_str("sparse", "auto");
      ind.set_bool("error_on_new", false);
      ind.set_bool("_precomputed", true);
      ind.set_int("_n_features", e.n_features_in());
      ind.set_array("features_", NdArray::from_vector(*features));
      w.set("indicator_", ind.finish());
    }
  } else {
    w.set_default("indicator_", make::none());
  }
  if (e.object_statistics().empty()) {
    w.set("statistics_", detail::float_array_node(e.statistics()));
  } else {
    CategoryList stats;
    stats.items = e.object_statistics();
    w.set("statistics_", detail::preprocessing::categories_node(stats));
  }
}

std::unique_ptr<SimpleImputer> build_imputer(const ObjectView& obj) {
  const auto n = detail::required_n_features(obj);
  const ValueView stats_view = obj.at("statistics_");
  std::vector<Category> object_stats;
  std::vector<double> statistics;
  if (stats_view.node().kind == NodeKind::NdArray && stats_view.node().storage != "numpy") {
    // Fitted on object data (strategy most_frequent or constant): an object array.
    object_stats = detail::preprocessing::read_categories(stats_view).items;
    if (static_cast<std::int64_t>(object_stats.size()) != n)
      stats_view.fail("statistics_ needs one value per feature");
    statistics.assign(object_stats.size(), 0.0);
    for (std::size_t j = 0; j < object_stats.size(); ++j) {
      if (object_stats[j].kind == Category::Kind::Number) statistics[j] = object_stats[j].number;
    }
  } else {
    const NdArray stats = obj.array("statistics_");
    if (stats.dtype().kind() != DTypeKind::Float) {
      throw UnsupportedError("SimpleImputer: statistics_ of dtype " + stats.dtype().name() +
                                 " is not supported",
                             {}, stats_view.pointer());
    }
    statistics = detail::float_vector(obj, "statistics_", n);
  }
  const double missing = missing_value_of(obj.at("missing_values"));
  std::optional<double> fill;
  if (auto f = obj.find("fill_value"); f && !f->is_none()) {
    const Node& fn = f->node();
    if (fn.kind == NodeKind::Json &&
        (fn.scalar == ScalarKind::Int || fn.scalar == ScalarKind::Float)) {
      fill = f->as_double();
    }
  }
  auto est = detail::located(obj, [&] {
    return std::make_unique<SimpleImputer>(statistics, obj.str("strategy"), missing,
                                           detail::flag(obj, "keep_empty_features", false), fill);
  });
  if (detail::flag(obj, "add_indicator", false)) {
    est->set_indicator_features(read_indicator(obj.at("indicator_"), n));
  }
  if (!object_stats.empty()) {
    try {
      est->set_object_statistics(std::move(object_stats));
    } catch (const Error& e) {
      stats_view.fail(e.detail());
    }
  }
  detail::adopt_identity(*est, obj, n);
  return est;
}

}  // namespace skops::estimators::detail::impute
