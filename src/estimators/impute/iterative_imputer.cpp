// IterativeImputer.transform: the initial imputation, then the fitted round-robin
// imputation_sequence_ replayed in order, then the indicator columns.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/impute/_iterative.py
// (transform, _initial_imputation, _impute_one_feature with fit_mode=False); 1.4.2 differs
// only in what fit passes to the initial SimpleImputer (fill_value, set_output), which the
// fitted initial_imputer_ in the file already reflects. Points that matter for exactness:
// - the mask of "missing" entries is restricted to the columns whose initial statistic is
//   not NaN; with keep_empty_features, those columns are instead marked missing everywhere
//   (both versions do this), which makes "every entry missing" true and the initial
//   imputation the answer;
// - a triplet whose column has no missing entry is skipped; the others predict on the
//   current imputation (earlier triplets' results included) and are clipped with np.clip;
// - entries not missing are then copied back from the input (_assign_where);
// - the indicator is a MissingIndicator fitted on the precomputed input mask: its features_
//   columns of the full input mask.

#include <algorithm>
#include <cmath>
#include <limits>

#include "estimators/impute/internal.hpp"
#include "estimators/utils/validation.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

IterativeImputer::IterativeImputer(std::shared_ptr<const SimpleImputer> initial,
                                   std::vector<ImputerTriplet> sequence, std::int64_t n_iter,
                                   std::vector<double> min_value, std::vector<double> max_value,
                                   bool keep_empty_features,
                                   std::optional<std::vector<std::int64_t>> indicator_features)
    : initial_(std::move(initial)),
      sequence_(std::move(sequence)),
      n_iter_(n_iter),
      min_value_(std::move(min_value)),
      max_value_(std::move(max_value)),
      keep_empty_features_(keep_empty_features),
      indicator_(std::move(indicator_features)) {
  set_type_name("sklearn.impute._iterative.IterativeImputer");
  if (!initial_) throw ValidationError("IterativeImputer: no initial_imputer_");
  if (initial_->indicator_features()) {
    throw ValidationError("IterativeImputer: initial_imputer_ must have no indicator");
  }
  if (!initial_->object_statistics().empty()) {
    throw UnsupportedError("IterativeImputer: an initial_imputer_ fitted on object data");
  }
  if (initial_->keep_empty_features() != keep_empty_features_) {
    throw ValidationError("IterativeImputer: keep_empty_features differs from initial_imputer_'s");
  }
  const std::vector<double>& stats = initial_->statistics();
  const auto n = static_cast<std::int64_t>(stats.size());
  for (std::int64_t j = 0; j < n; ++j) {
    if (!std::isnan(stats[static_cast<std::size_t>(j)])) valid_.push_back(j);
  }
  // The initial imputer keeps a NaN-statistic column only with keep_empty_features (or the
  // "constant" strategy, whose statistics are the fill value: a NaN one is refused here).
  if (!keep_empty_features_ && initial_->strategy() == "constant" &&
      static_cast<std::int64_t>(valid_.size()) != n) {
    throw ValidationError("IterativeImputer: a NaN fill value in initial_imputer_");
  }
  const std::int64_t width = keep_empty_features_ ? n : static_cast<std::int64_t>(valid_.size());
  if (n_iter_ < 0) throw ValidationError("IterativeImputer: n_iter_ must be >= 0");
  if (static_cast<std::int64_t>(min_value_.size()) != width ||
      static_cast<std::int64_t>(max_value_.size()) != width) {
    throw ValidationError(
        "IterativeImputer: _min_value and _max_value need one bound per "
        "imputed column (" +
        std::to_string(width) + ")");
  }
  for (std::size_t j = 0; j < min_value_.size(); ++j) {
    if (std::isnan(min_value_[j]) || std::isnan(max_value_[j]) || min_value_[j] > max_value_[j]) {
      throw ValidationError("IterativeImputer: need min_value <= max_value for every column");
    }
  }
  for (std::size_t t = 0; t < sequence_.size(); ++t) {
    const ImputerTriplet& s = sequence_[t];
    const std::string at = "IterativeImputer: imputation_sequence_[" + std::to_string(t) + "]: ";
    if (s.feat_idx < 0 || s.feat_idx >= width) throw ValidationError(at + "feat_idx out of range");
    if (s.neighbor_feat_idx.empty()) throw ValidationError(at + "no neighbor features");
    for (std::int64_t k : s.neighbor_feat_idx) {
      if (k < 0 || k >= width) throw ValidationError(at + "neighbor_feat_idx out of range");
    }
    if (!s.estimator || !s.estimator->supports(Method::Predict)) {
      throw ValidationError(at + "the estimator has no predict");
    }
    const std::int64_t fin = s.estimator->n_features_in();
    if (fin >= 0 && fin != static_cast<std::int64_t>(s.neighbor_feat_idx.size())) {
      throw ValidationError(at + "the estimator has " + std::to_string(fin) +
                            " features, neighbor_feat_idx " +
                            std::to_string(s.neighbor_feat_idx.size()));
    }
  }
  if (indicator_) {
    for (std::size_t i = 0; i < indicator_->size(); ++i) {
      const std::int64_t f = (*indicator_)[i];
      if (f < 0 || f >= n || (i > 0 && f <= (*indicator_)[i - 1])) {
        throw ValidationError(
            "IterativeImputer: indicator features must be increasing column "
            "indices < " +
            std::to_string(n));
      }
    }
  }
  set_n_features_in(n);
}

NdArray IterativeImputer::do_transform_float32(const MatrixView&) const {
  // scikit-learn keeps float32 input in float32 and rounds every imputed value to it.
  throw UnsupportedError(
      "IterativeImputer: float32 input is not supported (scikit-learn "
      "imputes it in float32); pass float64");
}

NdArray IterativeImputer::do_transform(const MatrixView& X) const {
  const double missing = initial_->missing_values();
  const bool nan_missing = std::isnan(missing);
  // check_array(force_all_finite="allow-nan" if missing_values is NaN else True).
  if (nan_missing) {
    detail::check_allow_nan(*this, X);
  } else {
    check_finite_input(X);
  }
  const Eigen::Index rows = X.rows();
  // Input mask (_get_mask): full width, used by the indicator.
  Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> full(rows, X.cols());
  for (Eigen::Index i = 0; i < rows; ++i) {
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
      full(i, j) = nan_missing ? std::isnan(X(i, j)) : X(i, j) == missing;
    }
  }
  Matrix filled = detail::to_matrix2d(initial_->run(Method::Transform, X));
  // The columns the iteration works on: the kept ones (or all, keep_empty_features).
  std::vector<Eigen::Index> cols;
  if (keep_empty_features_) {
    for (Eigen::Index j = 0; j < X.cols(); ++j) cols.push_back(j);
  } else {
    for (std::int64_t j : valid_) cols.push_back(static_cast<Eigen::Index>(j));
  }
  const auto width = static_cast<Eigen::Index>(cols.size());
  if (filled.cols() != width || filled.rows() != rows) {
    throw ValidationError("IterativeImputer: initial_imputer_ output has " +
                          std::to_string(filled.cols()) + " columns, expected " +
                          std::to_string(width));
  }
  Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> mask(rows, width);
  for (Eigen::Index i = 0; i < rows; ++i) {
    for (Eigen::Index k = 0; k < width; ++k)
      mask(i, k) = full(i, cols[static_cast<std::size_t>(k)]);
  }
  if (keep_empty_features_) {
    // mask_missing_values[:, valid_mask] = True, as both versions do.
    for (std::int64_t j : valid_) mask.col(static_cast<Eigen::Index>(j)).setConstant(true);
  }
  if (n_iter_ > 0 && !mask.all()) {
    for (const ImputerTriplet& s : sequence_) {
      const auto feat = static_cast<Eigen::Index>(s.feat_idx);
      std::vector<Eigen::Index> missing_rows;
      for (Eigen::Index i = 0; i < rows; ++i) {
        if (mask(i, feat)) missing_rows.push_back(i);
      }
      if (missing_rows.empty()) continue;
      Matrix X_test(static_cast<Eigen::Index>(missing_rows.size()),
                    static_cast<Eigen::Index>(s.neighbor_feat_idx.size()));
      for (std::size_t r = 0; r < missing_rows.size(); ++r) {
        for (std::size_t c = 0; c < s.neighbor_feat_idx.size(); ++c) {
          X_test(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) =
              filled(missing_rows[r], static_cast<Eigen::Index>(s.neighbor_feat_idx[c]));
        }
      }
      const NdArray pred = s.estimator->run(Method::Predict, X_test);
      if ((pred.dtype().kind() != DTypeKind::Float && pred.dtype().kind() != DTypeKind::Int) ||
          pred.size() != missing_rows.size()) {
        throw UnsupportedError("IterativeImputer: " + s.estimator->type_name() +
                               ".predict gave no single numeric column");
      }
      const std::vector<double> v = pred.to_vector<double>();
      const double lo = min_value_[static_cast<std::size_t>(feat)];
      const double hi = max_value_[static_cast<std::size_t>(feat)];
      for (std::size_t r = 0; r < missing_rows.size(); ++r) {
        // np.clip: minimum(maximum(v, lo), hi); NaN stays NaN.
        double x = v[r];
        if (x < lo) x = lo;
        if (x > hi) x = hi;
        filled(missing_rows[r], feat) = x;
      }
    }
    // _assign_where(Xt, X, cond=~mask_missing_values).
    for (Eigen::Index i = 0; i < rows; ++i) {
      for (Eigen::Index k = 0; k < width; ++k) {
        if (!mask(i, k)) filled(i, k) = X(i, cols[static_cast<std::size_t>(k)]);
      }
    }
  }
  const Eigen::Index n_ind = indicator_ ? static_cast<Eigen::Index>(indicator_->size()) : 0;
  const Eigen::Index out_cols = width + n_ind;
  std::vector<double> out(static_cast<std::size_t>(rows * out_cols));
  for (Eigen::Index i = 0; i < rows; ++i) {
    double* row = out.data() + i * out_cols;
    for (Eigen::Index k = 0; k < width; ++k) row[k] = filled(i, k);
    for (Eigen::Index k = 0; k < n_ind; ++k) {
      row[width + k] =
          full(i, static_cast<Eigen::Index>((*indicator_)[static_cast<std::size_t>(k)])) ? 1.0
                                                                                         : 0.0;
    }
  }
  return NdArray::from_vector(
      out, {static_cast<std::int64_t>(rows), static_cast<std::int64_t>(out_cols)});
}

}  // namespace skops::estimators

namespace skops::estimators::detail::impute {

namespace {

constexpr const char* kTriplet = "sklearn.impute._iterative._ImputerTriplet";

// One _ImputerTriplet: a TupleNode of exactly that namedtuple class with its three fields
// (feat_idx: a numpy integer or int; neighbor_feat_idx: a 1-d integer array; estimator).
ImputerTriplet read_triplet(const ValueView& v) {
  if (v.node().kind != NodeKind::Tuple || v.node().type_name() != kTriplet) {
    v.fail(std::string("imputation_sequence_ items must be ") + kTriplet + " tuples, got " +
           v.node().type_name());
  }
  const std::vector<ValueView> f = v.items();
  if (f.size() != 3) v.fail("_ImputerTriplet must have 3 fields");
  ImputerTriplet t;
  t.feat_idx = f[0].as_int();
  const NdArray nb = f[1].as_array();
  if (nb.ndim() != 1 ||
      (nb.dtype().kind() != DTypeKind::Int && nb.dtype().kind() != DTypeKind::UInt)) {
    f[1].fail("neighbor_feat_idx must be a 1-d integer array");
  }
  t.neighbor_feat_idx = nb.to_vector<std::int64_t>();
  if (f[2].node().kind != NodeKind::Object)
    f[2].fail("the triplet's estimator must be an estimator");
  t.estimator = f[2].estimator();
  return t;
}

}  // namespace

std::unique_ptr<IterativeImputer> build_iterative(const ObjectView& obj) {
  if (obj.has("sample_posterior") && obj.boolean("sample_posterior")) {
    throw UnsupportedError(
        "IterativeImputer with sample_posterior=True is not supported: its transform draws "
        "from a truncated normal with the fitted random state, so its output is random",
        {}, obj.at("sample_posterior").pointer());
  }
  const auto n = detail::required_n_features(obj);
  const ValueView init_v = obj.at("initial_imputer_");
  if (init_v.node().kind != NodeKind::Object ||
      init_v.node().type_name() != "sklearn.impute._base.SimpleImputer") {
    init_v.fail("initial_imputer_ must be a sklearn.impute._base.SimpleImputer");
  }
  auto initial = std::dynamic_pointer_cast<const SimpleImputer>(init_v.estimator());
  if (!initial) init_v.fail("initial_imputer_ did not build as a SimpleImputer");
  if (initial->n_features_in() != n) init_v.fail("initial_imputer_'s n_features_in_ differs");
  const double missing = missing_value_of(obj.at("missing_values"));
  const double init_missing = initial->missing_values();
  if (!(std::isnan(missing) && std::isnan(init_missing)) && missing != init_missing) {
    obj.at("missing_values").fail("missing_values differs from initial_imputer_'s");
  }
  std::vector<ImputerTriplet> sequence;
  const ValueView seq = obj.at("imputation_sequence_");
  if (seq.node().kind != NodeKind::List) seq.fail("imputation_sequence_ must be a list");
  for (const ValueView& item : seq.items()) sequence.push_back(read_triplet(item));
  std::optional<std::vector<std::int64_t>> indicator;
  if (detail::flag(obj, "add_indicator", false)) {
    const ValueView ind = obj.at("indicator_");
    indicator = read_indicator(ind, n);
    // _fit_indicator: MissingIndicator(error_on_new=False) fitted with precomputed=True on
    // the input's missing mask, which transform hands it again: its columns are that mask's.
    const NodePtr st = ind.node().child("content");
    const ValueView ist(st, ind.ctx());
    const auto pre = ist.find("_precomputed");
    const auto eon = ist.find("error_on_new");
    if (!pre || !pre->as_bool() || !eon || eon->as_bool()) {
      ind.fail(
          "indicator_ must be fitted on the precomputed mask with error_on_new=False, "
          "as IterativeImputer.fit makes it");
    }
  }
  // fit stops before setting the bounds when there is nothing to iterate (n_iter_ 0): they
  // are then unused.
  const std::int64_t n_iter = obj.integer("n_iter_");
  std::vector<double> lo, hi;
  if (obj.has("_min_value") || obj.has("_max_value") || n_iter != 0) {
    lo = obj.at("_min_value").as_doubles();
    hi = obj.at("_max_value").as_doubles();
  } else {
    const std::vector<double>& stats = initial->statistics();
    std::size_t width = stats.size();
    if (!detail::flag(obj, "keep_empty_features", false)) {
      width = static_cast<std::size_t>(
          std::count_if(stats.begin(), stats.end(), [](double v) { return !std::isnan(v); }));
    }
    lo.assign(width, -std::numeric_limits<double>::infinity());
    hi.assign(width, std::numeric_limits<double>::infinity());
  }
  auto est = detail::located(obj, [&] {
    return std::make_unique<IterativeImputer>(
        initial, std::move(sequence), n_iter, std::move(lo), std::move(hi),
        detail::flag(obj, "keep_empty_features", false), std::move(indicator));
  });
  detail::adopt_identity(*est, obj, n);
  return est;
}

void save_iterative(const IterativeImputer& e, ObjectWriter& w) {
  // Built from files only: the state (estimators, random_state_, the unfitted _estimator,
  // n_features_with_missing_, ...) is written back as read.
  if (!e.original_state())
    throw UnsupportedError("IterativeImputer is written only as loaded from a file");
  (void)w;
}

}  // namespace skops::estimators::detail::impute
