#include "native_models/models.hpp"

namespace skops::native_models {

void add_svm(Models& out, const Fixtures& f, const std::string& version) {
  (void)version;
  const auto& coef3 = f.coef3;
  const auto& int_classes = f.int_classes;
  const auto& intercept3 = f.intercept3;
  const auto& coef4 = f.coef4;
  out.emplace_back("LinearSVC", linear_classifier(LinearClassifierKind::LinearSVC, coef3,
                                                  intercept3, int_classes));
  out.emplace_back("LinearSVR",
                   LinearRegressor::from_arrays(LinearRegressorKind::LinearSVR, coef4, vec({3.5})));

  // --- SVM (libsvm layout: SVs grouped by class, dual_coef_ (n_classes - 1, n_SV)) ----------
  using estimators::SvmKernel;
  estimators::SVCParams svc;
  svc.model.kernel = SvmKernel::Rbf;
  svc.model.gamma = 0.25;
  svc.model.support_vectors = matrix({5.0, 3.4, 1.5, 0.2, 4.6, 3.1, 1.5, 0.2, 5.9, 2.8, 4.3, 1.3,
                                      6.1, 3.0, 4.6, 1.4, 6.5, 3.0, 5.5, 1.8, 6.0, 2.7, 5.1, 1.6},
                                     6, 4);
  svc.model.support = i32({3, 10, 55, 63, 110, 120});
  svc.model.n_support = i32({2, 2, 2});
  // Row 0: 0v1 for classes 0 and 1, 0v2 for class 2; row 1: 0v2 for class 0, 1v2 for 1 and 2.
  // Each pair's coefficients sum to zero.
  svc.model.dual_coef =
      matrix({0.8, 0.5, -0.9, -0.4, -0.3, -0.2, 0.3, 0.2, 0.7, 0.6, -0.8, -0.5}, 2, 6);
  svc.model.intercept = vec({0.1, -0.2, 0.3});
  svc.classes = int_classes;
  out.emplace_back("SVC_rbf", estimators::SVC::from_arrays(svc));
  estimators::SVCParams svc_proba = svc;
  svc_proba.probability = true;
  svc_proba.model.prob_a = vec({-2.1, -1.8, -2.5});
  svc_proba.model.prob_b = vec({0.05, -0.1, 0.02});
  out.emplace_back("SVC_rbf_probability", estimators::SVC::from_arrays(svc_proba));
  estimators::SVCParams svc_poly = svc;
  svc_poly.model.kernel = SvmKernel::Poly;
  svc_poly.model.gamma = 0.1;
  svc_poly.model.coef0 = 1.0;
  svc_poly.model.degree = 2;
  svc_poly.decision_function_shape = "ovo";
  svc_poly.classes = NdArray::from_strings({"setosa", "versicolor", "virginica"}, {3});
  out.emplace_back("SVC_poly_ovo_strings", estimators::SVC::from_arrays(svc_poly));
  estimators::SVCParams svc_sig = svc;
  svc_sig.model.kernel = SvmKernel::Sigmoid;
  svc_sig.model.gamma = 0.02;
  svc_sig.model.coef0 = -0.5;
  svc_sig.break_ties = true;
  out.emplace_back("SVC_sigmoid_break_ties", estimators::SVC::from_arrays(svc_sig));
  estimators::SVCParams nusvc;
  nusvc.nu = true;
  nusvc.nu_value = 0.4;
  nusvc.model.kernel = SvmKernel::Linear;
  nusvc.model.support_vectors =
      matrix({5.0, 3.4, 1.5, 0.2, 5.9, 2.8, 4.3, 1.3, 6.0, 2.7, 5.1, 1.6}, 3, 4);
  nusvc.model.support = i32({3, 55, 120});
  nusvc.model.n_support = i32({1, 2});
  nusvc.model.dual_coef = matrix({0.5, -0.3, -0.2}, 1, 3);
  nusvc.model.intercept = vec({-1.2});
  nusvc.classes = NdArray::from_strings({"no", "yes"}, {2});
  out.emplace_back("NuSVC_linear_binary", estimators::SVC::from_arrays(nusvc));

  estimators::LibsvmModel reg_model;
  reg_model.kernel = SvmKernel::Rbf;
  reg_model.gamma = 0.2;
  reg_model.support_vectors =
      matrix({5.0, 3.4, 1.5, 0.2, 5.9, 2.8, 4.3, 1.3, 6.0, 2.7, 5.1, 1.6}, 3, 4);
  reg_model.support = i32({3, 55, 120});
  reg_model.n_support = i32({3, 3});
  reg_model.dual_coef = matrix({0.7, -0.4, -0.3}, 1, 3);
  reg_model.intercept = vec({1.5});
  estimators::SVRParams svr;
  svr.model = reg_model;
  out.emplace_back("SVR_rbf", estimators::SVR::from_arrays(svr));
  estimators::SVRParams nusvr = svr;
  nusvr.nu = true;
  nusvr.model.kernel = SvmKernel::Linear;
  out.emplace_back("NuSVR_linear", estimators::SVR::from_arrays(nusvr));
  estimators::OneClassSVMParams ocsvm;
  ocsvm.model = reg_model;
  ocsvm.model.dual_coef = matrix({0.5, 0.3, 0.2}, 1, 3);
  ocsvm.model.intercept = vec({-0.4});
  ocsvm.nu = 0.3;
  out.emplace_back("OneClassSVM", estimators::OneClassSVM::from_arrays(ocsvm));
}

}  // namespace skops::native_models
