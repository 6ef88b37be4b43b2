// KBinsDiscretizer: the bin of each value (np.searchsorted(bin_edges_[j][1:-1], x,
// side="right"): how many inner edges are <= x), as a float code or one-hot.
// https://github.com/scikit-learn/scikit-learn/blob/1.2.1/sklearn/preprocessing/_discretization.py
// (and 1.4.2's, identical at inference). Only bin_edges_ matter: the strategy and subsample
// acted in fit.
// - transform validates X with dtype = the `dtype` parameter, else float64/float32 as given:
//   with dtype=float32, float64 input is rounded to float32 before binning (the float64
//   edges then compare with the rounded value) and the codes are float32.
// - onehot goes through the stored OneHotEncoder `_encoder` (categories arange(n_bins_),
//   no drop), its dtype set to the codes' dtype for the call: the result is the one-hot of
//   the codes in that dtype. The encoder is checked to be exactly that at load and kept for
//   saving; the one-hot itself is computed here.
// - inverse_transform: one-hot input is decoded by the encoder's rule (first maximum per
//   feature block; a block summing to zero is refused since drop=None), then codes are
//   truncated to integers (np.int_) and index the bin centres, negative ones from the end.

#include <algorithm>
#include <cmath>
#include <limits>

#include "estimators/preprocessing/internal.hpp"
#include "estimators/utils/extmath.hpp"
#include "estimators/utils/nodes.hpp"
#include "estimators/utils/validation.hpp"
#include "skops/error.hpp"
#include "skops/estimators/preprocessing.hpp"

namespace skops::estimators {

KBinsDiscretizer::KBinsDiscretizer(std::vector<std::vector<double>> bin_edges, std::string encode,
                                   std::string strategy, std::optional<DType> dtype)
    : bin_edges_(std::move(bin_edges)),
      encode_(std::move(encode)),
      strategy_(std::move(strategy)),
      dtype_(dtype) {
  const auto fail = [](const std::string& what) { throw ValidationError("KBinsDiscretizer: " + what); };
  if (encode_ != "ordinal" && encode_ != "onehot" && encode_ != "onehot-dense") {
    fail("encode must be 'ordinal', 'onehot' or 'onehot-dense', got '" + encode_ + "'");
  }
  if (dtype_ && *dtype_ != DType::float64() && *dtype_ != DType::float32()) {
    fail("dtype must be float64, float32 or None, got " + dtype_->name());
  }
  if (bin_edges_.empty()) fail("bin_edges_ is empty");
  for (std::size_t j = 0; j < bin_edges_.size(); ++j) {
    const auto& e = bin_edges_[j];
    const std::string at = "bin_edges_[" + std::to_string(j) + "]";
    if (e.size() < 2) fail(at + " needs at least 2 edges");
    for (std::size_t k = 0; k < e.size(); ++k) {
      if (std::isnan(e[k])) fail(at + " contains NaN");
      if (k > 0 && e[k] < e[k - 1]) fail(at + " is not sorted");
    }
    offsets_.push_back(n_out_);
    n_out_ += static_cast<std::int64_t>(e.size()) - 1;
  }
  if (encode_ == "ordinal") n_out_ = static_cast<std::int64_t>(bin_edges_.size());
  set_type_name("sklearn.preprocessing._discretization.KBinsDiscretizer");
  set_n_features_in(static_cast<std::int64_t>(bin_edges_.size()));
}

std::vector<std::int64_t> KBinsDiscretizer::n_bins() const {
  std::vector<std::int64_t> out;
  for (const auto& e : bin_edges_) out.push_back(static_cast<std::int64_t>(e.size()) - 1);
  return out;
}

void KBinsDiscretizer::set_encoder(std::shared_ptr<const OneHotEncoder> encoder) {
  encoder_ = std::move(encoder);
}

NdArray KBinsDiscretizer::transform_as(const MatrixView& X, bool float32_input) const {
  check_finite_input(X);
  // check_array's dtype: the parameter, else the input's own (float64 or float32).
  const bool as_float32 = dtype_ ? *dtype_ == DType::float32() : float32_input;
  const auto rows = static_cast<std::size_t>(X.rows());
  const auto nf = bin_edges_.size();
  const bool ordinal = encode_ == "ordinal";
  const auto width = static_cast<std::size_t>(n_out_);
  std::vector<double> out(rows * width, 0.0);
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < nf; ++j) {
      double x = X(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
      if (as_float32) {
        x = static_cast<double>(static_cast<float>(x));
        if (std::isinf(x)) {
          throw InputError(type_name() +
                           ": Input contains infinity or a value too large for dtype('float32').");
        }
      }
      const auto& e = bin_edges_[j];
      // Inner edges e[1..size-2] that are <= x.
      const auto code = static_cast<std::int64_t>(
          std::upper_bound(e.begin() + 1, e.end() - 1, x) - (e.begin() + 1));
      if (ordinal) {
        out[i * width + j] = static_cast<double>(code);
      } else {
        out[i * width + static_cast<std::size_t>(offsets_[j] + code)] = 1.0;
      }
    }
  }
  const std::vector<std::int64_t> shape{static_cast<std::int64_t>(rows), n_out_};
  if (as_float32) return NdArray::from_vector(std::vector<float>(out.begin(), out.end()), shape);
  return NdArray::from_vector(out, shape);
}

NdArray KBinsDiscretizer::do_transform(const MatrixView& X) const { return transform_as(X, false); }
NdArray KBinsDiscretizer::do_transform_float32(const MatrixView& X) const {
  return transform_as(X, true);
}

NdArray KBinsDiscretizer::inverse_as(const MatrixView& X, bool float32_output) const {
  const auto nf = bin_edges_.size();
  const auto rows = static_cast<std::size_t>(X.rows());
  if (X.rows() < 1) throw InputError(type_name() + ": inverse_transform needs at least one row");
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
      if (!std::isfinite(X(i, j))) throw InputError(type_name() + ": Input contains NaN or infinity.");
    }
  }
  std::vector<double> codes(rows * nf);
  if (encode_ == "ordinal") {
    if (X.cols() != static_cast<Eigen::Index>(nf)) {
      throw InputError("Incorrect number of features. Expecting " + std::to_string(nf) +
                       ", received " + std::to_string(X.cols()) + ".");
    }
    for (std::size_t i = 0; i < rows; ++i) {
      for (std::size_t j = 0; j < nf; ++j) {
        codes[i * nf + j] = X(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
      }
    }
    // float32 input keeps float32 (check_array) before the codes are truncated: the same
    // integers, since truncation of a float32 value is exact in float64 too.
  } else {
    if (X.cols() != n_out_) {
      throw InputError("Shape of the passed X data is not correct. Expected " +
                       std::to_string(n_out_) + " columns, got " + std::to_string(X.cols()) + ".");
    }
    std::vector<std::int64_t> all_zero;
    for (std::size_t j = 0; j < nf; ++j) {
      const auto k = static_cast<std::int64_t>(bin_edges_[j].size()) - 1;
      for (std::size_t i = 0; i < rows; ++i) {
        const double* block = X.row(static_cast<Eigen::Index>(i)).data() + offsets_[j];
        if (detail::numpy_sum(block, k) == 0.0) all_zero.push_back(static_cast<std::int64_t>(i));
        codes[i * nf + j] = static_cast<double>(detail::argmax(block, k));
      }
      if (!all_zero.empty()) {
        std::string list;
        for (auto s : all_zero) list += (list.empty() ? "" : " ") + std::to_string(s);
        throw InputError("Samples [" + list + "] can not be inverted when drop=None and "
                         "handle_unknown='error' because they contain all zeros");
      }
    }
  }
  std::vector<double> out(rows * nf);
  for (std::size_t j = 0; j < nf; ++j) {
    const auto& e = bin_edges_[j];
    const auto n = static_cast<double>(e.size() - 1);
    for (std::size_t i = 0; i < rows; ++i) {
      const double t = std::trunc(codes[i * nf + j]);
      if (!(t >= -n && t < n)) {
        throw InputError("index " + std::to_string(static_cast<long long>(t)) +
                         " is out of bounds for axis 0 with size " +
                         std::to_string(e.size() - 1));
      }
      const auto c = static_cast<std::size_t>(t < 0 ? t + n : t);
      out[i * nf + j] = (e[c + 1] + e[c]) * 0.5;
    }
  }
  const std::vector<std::int64_t> shape{static_cast<std::int64_t>(rows),
                                        static_cast<std::int64_t>(nf)};
  if (float32_output) return NdArray::from_vector(std::vector<float>(out.begin(), out.end()), shape);
  return NdArray::from_vector(out, shape);
}

NdArray KBinsDiscretizer::inverse_transform(const MatrixView& X) const { return inverse_as(X, false); }

NdArray KBinsDiscretizer::do_inverse_transform_float32(const MatrixView& X) const {
  // Ordinal codes given as float32 stay float32 (check_array keeps the dtype); one-hot
  // input is decoded into the encoder's float64 categories first.
  return inverse_as(X, encode_ == "ordinal");
}

NdArray KBinsDiscretizer::on_sparse(Method, const CsrMatrix&) const {
  // transform and the ordinal inverse validate with dense-only check_array. (scikit-learn's
  // one-hot inverse would take CSR through its encoder; run_sparse checks the column count
  // against n_features_in, so that input is refused here too, as an InputError.)
  throw InputError(type_name() + ": a sparse matrix was passed, but dense data is required");
}

}  // namespace skops::estimators

namespace skops::estimators::detail::preprocessing {

namespace {

// The OneHotEncoder KBinsDiscretizer.fit makes: categories arange(n_bins_[j]) (float64
// categories_ after fitting on zeros), nothing dropped, one output column per bin.
void check_encoder(const OneHotEncoder& enc, const std::vector<std::int64_t>& n_bins,
                   const ValueView& at) {
  if (enc.categories().size() != n_bins.size()) at.fail("_encoder has another number of features");
  for (std::size_t j = 0; j < n_bins.size(); ++j) {
    const auto& c = enc.categories()[j];
    bool ok = c.items.size() == static_cast<std::size_t>(n_bins[j]) &&
              enc.plans()[j].width == n_bins[j];
    for (std::size_t k = 0; ok && k < c.items.size(); ++k) {
      ok = c.items[k].kind == Category::Kind::Number &&
           c.items[k].number == static_cast<double>(k) &&
           enc.plans()[j].code_to_out[k] == static_cast<std::int64_t>(k);
    }
    if (!ok) {
      at.fail("_encoder categories_[" + std::to_string(j) + "] must be 0 .. n_bins_[" +
              std::to_string(j) + "] - 1, one column each");
    }
  }
  for (auto d : enc.drop_idx()) {
    if (d >= 0) at.fail("_encoder must not drop categories");
  }
}

// KBinsDiscretizer.fit's encoder for a natively built discretizer.
NodePtr encoder_node(const KBinsDiscretizer& e, ObjectWriter& parent) {
  std::vector<CategoryList> cats;
  std::vector<NodePtr> params;
  for (auto n : e.n_bins()) {
    std::vector<double> v;
    std::vector<std::int64_t> ints;
    for (std::int64_t k = 0; k < n; ++k) {
      v.push_back(static_cast<double>(k));
      ints.push_back(k);
    }
    cats.push_back(CategoryList::numeric(v));
    params.push_back(make::array(NdArray::from_vector(ints)));
  }
  const OneHotEncoder enc(cats, "error", {}, e.dtype().value_or(DType::float64()));
  ObjectWriter w("sklearn.preprocessing._encoders", "OneHotEncoder", nullptr, parent.ctx());
  w.set("categories", make::list(params));
  save_onehot(enc, w);
  w.set("sparse_output", make::boolean(e.encode() == "onehot"));
  return w.finish();
}

}  // namespace

void save_kbins(const KBinsDiscretizer& e, ObjectWriter& w) {
  const auto n_bins = e.n_bins();
  const bool same = std::all_of(n_bins.begin(), n_bins.end(), [&](auto b) { return b == n_bins[0]; });
  std::vector<NodePtr> bins;
  for (auto b : n_bins) bins.push_back(make::integer(b));
  w.set_default("n_bins", same ? make::integer(n_bins[0]) : make::list(bins));
  w.set("encode", make::str(e.encode()));
  w.set_default("strategy", make::str(e.strategy()));
  w.set_default("dtype", e.dtype() ? detail::dtype_type_node(*e.dtype()) : make::none());
  w.set_default("subsample", w.ctx().target_at_least(1, 5) ? make::integer(200000)
                                                          : make::str("warn"));
  w.set_default("random_state", make::none());
  w.set_int("n_features_in_", e.n_features_in());
  std::vector<NodePtr> edges;
  for (const auto& v : e.bin_edges()) edges.push_back(make::array(NdArray::from_vector(v)));
  w.set("bin_edges_", make::object_array(edges, {e.n_features_in()}));
  w.set("n_bins_", make::array(NdArray::from_vector(n_bins)));
  if (e.encode() == "ordinal") return;
  if (e.encoder()) {
    w.set_estimator("_encoder", *e.encoder());
  } else {
    w.set("_encoder", encoder_node(e, w));
  }
}

std::unique_ptr<KBinsDiscretizer> build_kbins(const ObjectView& obj) {
  const auto n = detail::required_n_features(obj);
  const std::string encode = obj.str("encode");
  const std::string strategy = obj.has("strategy") ? obj.str("strategy") : "quantile";
  std::optional<DType> dtype;
  if (auto d = obj.find("dtype"); d && !d->is_none()) dtype = detail::dtype_param(*d);
  // bin_edges_: an object array (NdArrayNode "json") of one float array per feature.
  const ValueView edges_view = obj.at("bin_edges_");
  const auto items = edges_view.items();
  if (static_cast<std::int64_t>(items.size()) != n) {
    edges_view.fail("bin_edges_ must hold one array per feature");
  }
  std::vector<std::vector<double>> edges;
  for (const auto& item : items) edges.push_back(detail::float_vector(item, -1, "bin_edges_ item"));
  const NdArray n_bins = obj.array("n_bins_");
  if (n_bins.ndim() != 1 || n_bins.shape()[0] != n ||
      (n_bins.dtype().kind() != DTypeKind::Int && n_bins.dtype().kind() != DTypeKind::UInt)) {
    obj.at("n_bins_").fail("n_bins_ must be an integer array with one entry per feature");
  }
  const auto counts = n_bins.to_vector<std::int64_t>();
  for (std::size_t j = 0; j < edges.size(); ++j) {
    if (counts[j] != static_cast<std::int64_t>(edges[j].size()) - 1) {
      obj.at("n_bins_").fail("n_bins_[" + std::to_string(j) + "] is not len(bin_edges_[" +
                             std::to_string(j) + "]) - 1");
    }
  }
  auto est = detail::located(obj, [&] {
    return std::make_unique<KBinsDiscretizer>(edges, encode, strategy, dtype);
  });
  if (encode != "ordinal") {
    auto enc = std::dynamic_pointer_cast<const OneHotEncoder>(obj.estimator("_encoder"));
    if (!enc) obj.at("_encoder").fail("_encoder must be a OneHotEncoder");
    check_encoder(*enc, est->n_bins(), obj.at("_encoder"));
    est->set_encoder(enc);
  }
  detail::adopt_identity(*est, obj, n);
  return est;
}

}  // namespace skops::estimators::detail::preprocessing
