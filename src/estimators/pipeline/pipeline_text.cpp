// Pipeline on documents, feature samples and sparse input: the first step takes the
// documents (the samples, the CSR matrix), and its result flows through the remaining steps sparse as long as they keep it
// sparse (Pipeline._transform on scipy matrices).

#include "estimators/pipeline/steps.hpp"
#include "skops/error.hpp"

namespace skops::estimators {

namespace pl = detail::pipeline;

const Estimator* Pipeline::first_estimator() const noexcept {
  for (const Step& s : steps_) {
    if (s.estimator) return s.estimator.get();
  }
  return nullptr;
}

bool Pipeline::accepts_documents() const noexcept {
  const Estimator* first = first_estimator();
  return first && first->accepts_documents();
}

bool Pipeline::accepts_sparse() const noexcept {
  const Estimator* first = first_estimator();
  return first && first->accepts_sparse();
}

namespace {

// The steps after `first` (an index into steps) on the first step's output: the rest of the
// transforms, then the last step's method (or the flow itself when the last is passthrough).
NdArray run_rest(const std::vector<Step>& steps, std::size_t first, Method m,
                 pl::SparseFlow flow, DType dtype) {
  for (std::size_t i = first + 1; i + 1 < steps.size(); ++i) {
    if (steps[i].estimator) flow = pl::transform_sparse_flow(*steps[i].estimator, flow, &dtype);
  }
  const Step& last = steps.back();
  if (!last.estimator || first + 1 == steps.size()) return pl::flow_array(flow, dtype);
  return pl::run_flow(*last.estimator, m, flow);
}

SparseTransform transform_rest(const std::vector<Step>& steps, std::size_t first,
                               pl::SparseFlow flow, DType dtype) {
  for (std::size_t i = first + 1; i < steps.size(); ++i) {
    if (steps[i].estimator) flow = pl::transform_sparse_flow(*steps[i].estimator, flow, &dtype);
  }
  if (auto* csr = std::get_if<CsrMatrix>(&flow)) return std::move(*csr);
  return pl::flow_array(flow, dtype);
}

std::size_t first_index(const std::vector<Step>& steps) {
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].estimator) return i;
  }
  return steps.size();
}

// A Pipeline whose first step takes raw input (documents, feature samples): `takes` asks
// the first estimator, `run_first` runs a method of it, `transform_first` transforms.
template <class Takes, class RunFirst, class TransformFirst>
NdArray run_raw(const Pipeline& p, const std::vector<Step>& steps, Method m, std::size_t rows,
                Takes takes, RunFirst run_first, TransformFirst transform_first,
                const char* what) {
  if (!p.supports(m))
    throw UnsupportedError("Pipeline (last step " + steps.back().name + ") has no method " +
                           to_string(m));
  const std::size_t i = first_index(steps);
  if (i == steps.size() || !takes(*steps[i].estimator))
    throw InputError("Pipeline: the first step does not take " + std::string(what));
  if (i + 1 == steps.size()) return run_first(*steps[i].estimator, m);
  if (m == Method::InverseTransform)
    throw UnsupportedError("Pipeline: inverse_transform of " + std::string(what) + " is not available");
  DType dtype = DType::float64();
  pl::SparseFlow flow = pl::as_flow(transform_first(*steps[i].estimator), *steps[i].estimator, rows, &dtype);
  return run_rest(steps, i, m, std::move(flow), dtype);
}

template <class Takes, class TransformFirst>
SparseTransform transform_raw(const Pipeline& p, const std::vector<Step>& steps, std::size_t rows,
                              Takes takes, TransformFirst transform_first, const char* what) {
  if (!p.supports(Method::Transform))
    throw UnsupportedError("Pipeline (last step " + steps.back().name + ") has no method transform");
  const std::size_t i = first_index(steps);
  if (i == steps.size() || !takes(*steps[i].estimator))
    throw InputError("Pipeline: the first step does not take " + std::string(what));
  DType dtype = DType::float64();
  pl::SparseFlow flow = pl::as_flow(transform_first(*steps[i].estimator), *steps[i].estimator, rows, &dtype);
  return transform_rest(steps, i, std::move(flow), dtype);
}

}  // namespace

NdArray Pipeline::on_documents(Method m, const std::vector<std::string_view>& documents) const {
  if (!accepts_documents()) return Estimator::on_documents(m, documents);
  return run_raw(
      *this, steps_, m, documents.size(), [](const Estimator& e) { return e.accepts_documents(); },
      [&](const Estimator& e, Method mm) { return e.run_documents(mm, documents); },
      [&](const Estimator& e) { return e.transform_documents(documents); }, "documents");
}

SparseTransform Pipeline::on_documents_transform(
    const std::vector<std::string_view>& documents) const {
  if (!accepts_documents()) return Estimator::on_documents(Method::Transform, documents);
  return transform_raw(
      *this, steps_, documents.size(), [](const Estimator& e) { return e.accepts_documents(); },
      [&](const Estimator& e) { return e.transform_documents(documents); }, "documents");
}

bool Pipeline::accepts_feature_samples() const noexcept {
  const Estimator* first = first_estimator();
  return first && first->accepts_feature_samples();
}

NdArray Pipeline::on_feature_samples(Method m, const FeatureSamples& X) const {
  if (!accepts_feature_samples()) return Estimator::on_feature_samples(m, X);
  return run_raw(
      *this, steps_, m, X.samples.size(),
      [](const Estimator& e) { return e.accepts_feature_samples(); },
      [&](const Estimator& e, Method mm) { return e.run_feature_samples(mm, X); },
      [&](const Estimator& e) { return e.transform_feature_samples(X); }, "feature samples");
}

SparseTransform Pipeline::on_feature_samples_transform(const FeatureSamples& X) const {
  if (!accepts_feature_samples()) return Estimator::on_feature_samples(Method::Transform, X);
  return transform_raw(
      *this, steps_, X.samples.size(),
      [](const Estimator& e) { return e.accepts_feature_samples(); },
      [&](const Estimator& e) { return e.transform_feature_samples(X); }, "feature samples");
}

NdArray Pipeline::on_sparse(Method m, const CsrMatrix& X) const {
  if (!supports(m))
    throw UnsupportedError("Pipeline (last step " + steps_.back().name + ") has no method " +
                           to_string(m));
  if (m == Method::InverseTransform) return Estimator::on_sparse(m, X);
  const std::size_t i = first_index(steps_);
  if (i == steps_.size()) return pl::flow_array(X, DType::float64());
  if (i + 1 == steps_.size()) return steps_[i].estimator->run_sparse(m, X);
  DType dtype = DType::float64();
  pl::SparseFlow flow = pl::transform_sparse_flow(*steps_[i].estimator, X, &dtype);
  return run_rest(steps_, i, m, std::move(flow), dtype);
}

SparseTransform Pipeline::on_sparse_transform(const CsrMatrix& X) const {
  if (!supports(Method::Transform))
    throw UnsupportedError("Pipeline (last step " + steps_.back().name + ") has no method transform");
  const std::size_t i = first_index(steps_);
  if (i == steps_.size()) return X;
  DType dtype = DType::float64();
  pl::SparseFlow flow = pl::transform_sparse_flow(*steps_[i].estimator, X, &dtype);
  return transform_rest(steps_, i, std::move(flow), dtype);
}

}  // namespace skops::estimators

namespace skops::estimators {

bool FeatureUnion::accepts_documents() const noexcept {
  bool any = false;
  for (const Step& s : parts_) {
    if (s.kind == "drop") continue;
    if (!s.estimator || !s.estimator->accepts_documents()) return false;
    any = true;
  }
  return any;
}

SparseTransform FeatureUnion::on_documents_transform(
    const std::vector<std::string_view>& documents) const {
  if (!accepts_documents()) return Estimator::on_documents(Method::Transform, documents);
  // _transform_one (res * weight) per part, then _hstack: sparse.hstack(...).tocsr() when
  // any part is sparse, else np.hstack.
  std::vector<pl::SparseFlow> blocks;
  std::vector<DType> dtypes;
  bool any_sparse = false;
  for (const Step& s : parts_) {
    if (s.kind == "drop") continue;
    DType d = DType::float64();
    pl::SparseFlow b = pl::as_flow(s.estimator->transform_documents(documents), *s.estimator,
                                   documents.size(), &d);
    if (auto it = weights_.find(s.name); it != weights_.end()) {
      const double w = pl::block_weight(it->second, d);
      if (auto* csr = std::get_if<CsrMatrix>(&b)) {
        for (double& v : csr->data) v *= w;
      } else {
        std::get<Matrix>(b) *= w;
      }
    }
    any_sparse = any_sparse || std::holds_alternative<CsrMatrix>(b);
    blocks.push_back(std::move(b));
    dtypes.push_back(d);
  }
  const auto rows = static_cast<std::int64_t>(documents.size());
  if (any_sparse) return pl::hstack_csr(blocks, rows);
  std::vector<pl::Block> dense;
  for (std::size_t i = 0; i < blocks.size(); ++i)
    dense.push_back({std::get<Matrix>(std::move(blocks[i])), dtypes[i]});
  return pl::hstack(dense, static_cast<Eigen::Index>(rows));
}

NdArray FeatureUnion::on_documents(Method m, const std::vector<std::string_view>& documents) const {
  if (m != Method::Transform)
    throw UnsupportedError("FeatureUnion has no method " + std::string(to_string(m)));
  SparseTransform t = on_documents_transform(documents);
  if (auto* csr = std::get_if<CsrMatrix>(&t)) return pl::flow_array(std::move(*csr), DType::float64());
  return std::get<NdArray>(std::move(t));
}

}  // namespace skops::estimators
