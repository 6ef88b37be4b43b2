// Sparse matrices in the node graph: a SparseMatrixNode's .npz is read and validated while
// materialising (under the document's limits, its inner bytes charged to the file's
// budget), read by ValueView::as_sparse, written by ObjectWriter::set_sparse, re-saved
// losslessly, and untrusted by default as in Python skops. The npz reader itself:
// sparse_test.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "skops/skops.hpp"
#include "test_support.hpp"

namespace {

using skops::CsrMatrix;
using skops::Node;
using skops::NodeKind;
using skops::NodePtr;
namespace ts = skops::testing_support;
namespace make = skops::make;

CsrMatrix diagonal() {
  CsrMatrix m;
  m.rows = m.cols = 3;
  m.indptr = {0, 1, 2, 3};
  m.indices = {0, 1, 2};
  m.data = {1.5, 2.0, 1.25};
  return m;
}

NodePtr tfidf(NodePtr idf_diag) {
  return make::object("sklearn.feature_extraction.text", "TfidfTransformer",
                      {{"norm", make::str("l2")}, {"_idf_diag", std::move(idf_diag)}});
}

// The first SparseMatrix node reachable from `root`.
NodePtr find_sparse(const NodePtr& root) {
  if (root->kind == NodeKind::SparseMatrix) return root;
  NodePtr found;
  skops::for_each_child(*root, [&](const NodePtr& c, const std::string&) {
    if (!found) found = find_sparse(c);
  });
  return found;
}

CsrMatrix as_sparse(const NodePtr& n) {
  skops::BuildContext ctx(skops::builtin_registry());
  return skops::ValueView(n, ctx).as_sparse();
}

TEST(SparseGraph, WrittenReadAndMaterialised) {
  const auto bytes = skops::write_document_bytes(*tfidf(make::sparse_matrix(diagonal())));
  ts::keep_output("SKOPS_SPARSE_OUT", "written_tfidf.skops", bytes);
  const auto doc = skops::Document::read_bytes(bytes);
  const NodePtr stored = find_sparse(doc->root());
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->type_name(), "scipy.sparse._csr.csr_matrix");
  EXPECT_TRUE(doc->sparse_of(*stored)->identical(diagonal()));
  // Not read yet: as_sparse needs the materialised graph, as as_array does.
  EXPECT_THROW(as_sparse(stored), skops::ValidationError);
  const NodePtr held = skops::materialize(*doc);
  EXPECT_TRUE(as_sparse(find_sparse(held)).identical(diagonal()));
}

TEST(SparseGraph, RealZooMemberThroughTheDocument) {
  const auto doc =
      skops::Document::read_file(ts::data_path("zoo/sklearn-1.2.1/frame_text_column_logreg.skops"));
  ASSERT_NO_THROW(doc->read_all_arrays());
  const NodePtr held = skops::materialize(*doc);
  const NodePtr n = find_sparse(held);
  ASSERT_TRUE(n);
  const CsrMatrix m = as_sparse(n);
  EXPECT_NO_THROW(m.validate());
  EXPECT_EQ(m.rows, m.cols);
  EXPECT_EQ(m.nnz(), m.rows);  // TfidfTransformer._idf_diag: a diagonal
  // Re-saved, the .npz keeps the bytes Python wrote (deflated by save_npz), not a rewrite.
  const auto again = skops::Document::read_bytes(skops::write_document_bytes(*held));
  const auto a = doc->member_of(*find_sparse(doc->root()));
  const auto b = again->member_of(*find_sparse(again->root()));
  EXPECT_EQ(std::vector<std::uint8_t>(a.data, a.data + a.size),
            std::vector<std::uint8_t>(b.data, b.data + b.size));
}

TEST(SparseGraph, AsSparseTakesCsrClassesOnly) {
  for (const auto& [module, cls] :
       std::vector<std::pair<std::string, std::string>>{{"scipy.sparse._csr", "csr_matrix"},
                                                        {"scipy.sparse.csr", "csr_matrix"},
                                                        {"scipy.sparse._arrays", "csr_array"},
                                                        {"scipy.sparse._csr", "csr_array"}}) {
    EXPECT_TRUE(as_sparse(make::sparse_matrix(diagonal(), module, cls)).identical(diagonal()))
        << cls;
  }
  EXPECT_THROW(as_sparse(make::sparse_matrix(diagonal(), "scipy.sparse._csc", "csc_matrix")),
               skops::ValidationError);
  EXPECT_THROW(as_sparse(make::str("csr")), skops::ValidationError);
}

TEST(SparseGraph, MakeRefusesAnInvalidMatrix) {
  CsrMatrix unsorted = diagonal();
  unsorted.indptr = {0, 2, 2, 3};
  unsorted.indices = {1, 0, 2};
  EXPECT_THROW(make::sparse_matrix(unsorted), skops::InputError);
}

TEST(SparseGraph, ObjectWriterSetsACsrMatrix) {
  skops::SaveContext ctx(skops::builtin_registry(), "1.4.2");
  skops::ObjectWriter w("sklearn.feature_extraction.text", "TfidfTransformer", nullptr, ctx);
  w.set_sparse("_idf_diag", diagonal());
  const NodePtr obj = w.finish();
  const NodePtr n = obj->state_dict()->get("_idf_diag");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->kind, NodeKind::SparseMatrix);
  EXPECT_EQ(n->type_name(), "scipy.sparse._csr.csr_matrix");
  EXPECT_EQ(n->storage, "scipy");
  EXPECT_TRUE(as_sparse(n).identical(diagonal()));
  // Written and read back: the same graph, the .npz compared by value.
  const auto doc = skops::Document::read_bytes(skops::write_document_bytes(*obj));
  EXPECT_TRUE(skops::graphs_equal(*obj, *skops::materialize(*doc)));
}

TEST(SparseGraph, UntrustedByDefaultAsInPythonSkops) {
  // Python skops trusts only scipy.sparse._base.spmatrix, which no concrete class equals.
  const auto report = skops::audit(*tfidf(make::sparse_matrix(diagonal())),
                                   skops::default_trust(skops::builtin_registry()));
  EXPECT_NE(
      std::find(report.untrusted.begin(), report.untrusted.end(), "scipy.sparse._csr.csr_matrix"),
      report.untrusted.end());
  const auto file =
      skops::audit_file(ts::data_path("zoo/sklearn-1.2.1/frame_text_column_logreg.skops"));
  EXPECT_NE(std::find(file.untrusted.begin(), file.untrusted.end(), "scipy.sparse._csr.csr_matrix"),
            file.untrusted.end());
  const auto trusted =
      skops::audit_file(ts::data_path("zoo/sklearn-1.2.1/frame_text_column_logreg.skops"),
                        {"scipy.sparse._csr.csr_matrix"});
  EXPECT_EQ(
      std::find(trusted.untrusted.begin(), trusted.untrusted.end(), "scipy.sparse._csr.csr_matrix"),
      trusted.untrusted.end());
}

TEST(SparseGraph, NestedBytesAreChargedToTheFilesBudget) {
  const auto bytes = skops::write_document_bytes(*tfidf(make::sparse_matrix(diagonal())));
  const auto probe = skops::Document::read_bytes(bytes);
  const NodePtr n = find_sparse(probe->root());
  const auto npz = probe->member_of(*n);
  std::uint64_t inner = 0;
  skops::read_sparse_npz(npz, skops::Limits{}, n->file, &inner);
  std::uint64_t outer = 0;
  for (const auto& e : probe->archive().entries()) outer += e.size;
  // Room for every member of the file, and for all but one byte of the nested ones.
  skops::ReadOptions ro;
  ro.limits.max_total_bytes = outer + inner - 1;
  const auto doc = skops::Document::read_bytes(bytes, ro);
  try {
    doc->read_all_arrays();
    ADD_FAILURE() << "the nested .npz fitted the budget";
  } catch (const skops::LimitError& e) {
    EXPECT_EQ(e.entry(), n->file + "/data.npy") << e.what();
    EXPECT_NE(e.json_pointer().find("_idf_diag"), std::string::npos) << e.what();
  }
  ro.limits.max_total_bytes = outer + inner;
  EXPECT_NO_THROW(skops::Document::read_bytes(bytes, ro)->read_all_arrays());
}

TEST(SparseGraph, HostileFixtureErrorNamesOuterAndInnerMemberAndPointer) {
  const auto doc =
      skops::Document::read_file(ts::data_path("hostile/sparse_npz_column_out_of_range.skops"));
  try {
    doc->read_all_arrays();
    ADD_FAILURE() << "accepted";
  } catch (const skops::ValidationError& e) {
    const std::string entry = e.entry();
    EXPECT_NE(entry.find(".npz/indices.npy"), std::string::npos) << e.what();
    EXPECT_NE(e.json_pointer().find("_idf_diag"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("column index 7 out of range [0, 3)"), std::string::npos)
        << e.what();
  }
}

}  // namespace
