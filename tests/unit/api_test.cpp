// The load/dump API: trust before construction, registry rules, input checks.

#include <gtest/gtest.h>

#include <cmath>

#include "skops/skops.hpp"
#include "test_support.hpp"

namespace {

namespace ts = skops::testing_support;
using namespace skops;

std::string corpus(const std::string& name) {
  return ts::data_path("corpus/sklearn-1.4.2/" + name);
}

// Rewrites a corpus file with schema.json edited by `edit` (all members kept).
std::vector<std::uint8_t> with_schema_edit(const std::string& path,
                                           const std::function<void(std::string&)>& edit) {
  auto archive = ArchiveReader::open_file(path);
  std::vector<std::pair<std::string, std::vector<std::uint8_t>>> members;
  for (const auto& e : archive->entries()) {
    const ByteView v = archive->read(e.name);
    std::vector<std::uint8_t> bytes(v.data, v.data + v.size);
    if (e.name == "schema.json") {
      std::string text(bytes.begin(), bytes.end());
      edit(text);
      bytes.assign(text.begin(), text.end());
    }
    members.emplace_back(e.name, std::move(bytes));
  }
  return write_archive_bytes(members);
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (auto p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
    s.replace(p, from.size(), to);
}

// A registry whose builders record that they ran: nothing may be built before the audit.
struct Spy {
  int builds = 0;
};

TypeRegistry spying_registry(Spy& spy) {
  TypeRegistry reg = TypeRegistry::with_builtins();
  TypeRegistry out;
  for (const auto& name : reg.type_names()) {
    const TypeRegistry::Entry* e = reg.find(name);
    if (e->name != name) continue;  // aliases are re-added below
    out.add(
        name,
        [&spy, build = e->build](const ObjectView& v) {
          ++spy.builds;
          return build(v);
        },
        e->save);
  }
  for (const auto& name : reg.type_names()) {
    const TypeRegistry::Entry* e = reg.find(name);
    if (e->name != name) out.add_alias(name, e->name);
  }
  const std::set<std::string> helpers = reg.trusted_names();  // one set: begin/end must match
  out.add_helper_types(std::vector<std::string>(helpers.begin(), helpers.end()));
  return out;
}

TEST(Load, UntrustedTypesAnywhereAreRefusedBeforeConstruction) {
  struct Case {
    const char* file;
    const char* from;
    const char* to;
  };
  // Top level, inside a Pipeline step, inside a ColumnTransformer tuple.
  const Case cases[] = {
      {"LogisticRegression_binary.skops", "\"sklearn.linear_model._logistic\"", "\"evil.linear\""},
      {"Pipeline_StandardScaler_LogisticRegression.skops", "\"sklearn.preprocessing._data\"",
       "\"evil.scale\""},
      {"ColumnTransformer.skops", "\"sklearn.preprocessing._data\"", "\"evil.scale\""},
  };
  for (const auto& c : cases) {
    const auto bytes = with_schema_edit(corpus(c.file), [&](std::string& s) {
      replace_all(s, c.from, c.to);
      // A second untrusted type elsewhere: both must be listed.
      const auto p = s.find("\"builtins\", \"__loader__\": \"TypeNode\"");
      if (p != std::string::npos) s.replace(p, 10, "\"evil.bi\"");
    });
    Spy spy;
    const TypeRegistry reg = spying_registry(spy);
    LoadOptions opts;
    opts.registry = &reg;
    // The spying registry is not the built-in one: give it the built-in default trust.
    const auto& builtin = builtin_registry().default_trusted_names();
    opts.trusted.assign(builtin.begin(), builtin.end());
    try {
      loads(bytes, opts);
      FAIL() << c.file << " loaded";
    } catch (const UntrustedTypeError& e) {
      std::set<std::string> modules;
      for (const auto& t : e.types()) modules.insert(t.substr(0, t.find('.', 5)));
      EXPECT_TRUE(modules.count(std::string(c.to).substr(1, std::string(c.to).size() - 2)))
          << e.what();
      for (const auto& u : e.uses()) EXPECT_FALSE(u.paths.empty());
    }
    EXPECT_EQ(spy.builds, 0) << c.file << ": something was built before the audit refused the file";
  }
}

TEST(Load, TrustedButUnregisteredIsUnsupported) {
  const auto bytes = with_schema_edit(corpus("Ridge.skops"), [](std::string& s) {
    replace_all(s, "\"Ridge\"", "\"RidgeFromTheFuture\"");
  });
  LoadOptions opts;
  opts.trusted = {"sklearn.linear_model._ridge.RidgeFromTheFuture"};
  try {
    loads(bytes, opts);
    FAIL();
  } catch (const UnsupportedError& e) {
    EXPECT_NE(std::string(e.what()).find("RidgeFromTheFuture"), std::string::npos);
  }
}

TEST(Registry, DuplicatesAndBadNamesAreErrors) {
  TypeRegistry reg = TypeRegistry::with_builtins();
  const TypeRegistry::Entry* e = reg.find("sklearn.linear_model._ridge.Ridge");
  ASSERT_TRUE(e);
  EXPECT_THROW(reg.add("sklearn.linear_model._ridge.Ridge", e->build, e->save), RegistryError);
  EXPECT_THROW(reg.add("NoModule", e->build, e->save), RegistryError);
  EXPECT_THROW(reg.add_alias("x.Y", "not.Registered"), RegistryError);
  EXPECT_THROW(
      reg.add_alias("sklearn.linear_model._ridge.Ridge", "sklearn.linear_model._ridge.Ridge"),
      RegistryError);
  EXPECT_EQ(TypeRegistry().type_names().size(), 0u);  // an empty registry knows nothing
}

// A user type: shift every column.
class Shift final : public Estimator {
 public:
  std::vector<double> shift;
  Role role() const noexcept override { return Role::Transformer; }
  bool supports(Method m) const noexcept override { return m == Method::Transform; }
  NdArray run(Method, const MatrixView& X) const override {
    check_input(X);
    Matrix out = X;
    for (Eigen::Index j = 0; j < out.cols(); ++j)
      out.col(j).array() += shift[static_cast<std::size_t>(j)];
    return to_ndarray(out);
  }
};

TEST(Registry, CustomTypeRoundTrips) {
  TypeRegistry reg = TypeRegistry::with_builtins();
  reg.add<Shift>(
      "mypkg.Shift",
      [](const ObjectView& v) {
        auto s = std::make_unique<Shift>();
        s->shift = v.at("shift_").as_doubles();
        s->set_n_features_in(v.integer("n_features_in_"));
        return s;
      },
      [](const Shift& s, ObjectWriter& w) {
        w.set_array("shift_", NdArray::from_vector(s.shift));
        w.set_int("n_features_in_", s.n_features_in());
      });
  Shift s;
  s.shift = {1.0, -2.0};
  s.set_type_name("mypkg.Shift");
  s.set_n_features_in(2);
  DumpOptions d;
  d.registry = &reg;
  const auto bytes = dumps(s, d);
  LoadOptions opts;
  opts.registry = &reg;
  // Registering a builder does not trust the name: the caller says so explicitly.
  EXPECT_THROW(loads(bytes, opts), UntrustedTypeError);
  opts.trusted = {"mypkg.Shift"};
  auto back = loads(bytes, opts);
  Matrix X(1, 2);
  X << 1.0, 1.0;
  EXPECT_EQ(back->transform(X).to_vector<double>(), (std::vector<double>{2.0, -1.0}));
  EXPECT_THROW(back->transform(Matrix(1, 3)), InputError);
}

TEST(Inputs, FeatureCountNanEmptyFloat32AndStringLabels) {
  auto lr = load(corpus("LogisticRegression_multiclass.skops"));
  const auto n = lr->n_features_in();
  ASSERT_GT(n, 1);
  EXPECT_THROW(lr->predict(Matrix::Zero(2, n + 1)), InputError);
  EXPECT_THROW(lr->predict(Matrix::Zero(0, n)), InputError);
  Matrix nan = Matrix::Zero(1, n);
  nan(0, 0) = NAN;
  EXPECT_THROW(lr->predict(nan), InputError);  // LogisticRegression rejects NaN
  // HistGradientBoosting accepts NaN, as scikit-learn does.
  auto hgb = load(corpus("HistGradientBoostingClassifier.skops"));
  Matrix hn = Matrix::Zero(1, hgb->n_features_in());
  hn(0, 0) = NAN;
  EXPECT_NO_THROW(hgb->predict(hn));
  // float32 input through run_array, and string labels keep their dtype.
  auto str = load(corpus("LogisticRegression_strlabels.skops"));
  std::vector<float> x32(static_cast<std::size_t>(str->n_features_in()), 1.5f);
  const NdArray X32 = NdArray::from_vector(x32, {1, str->n_features_in()});
  const NdArray y = str->run_array(Method::Predict, X32);
  EXPECT_EQ(y.dtype().kind(), DTypeKind::Unicode);
  EXPECT_THROW(str->run_array(Method::Predict,
                              NdArray::from_vector(std::vector<std::int64_t>{1, 2}, {1, 2})),
               InputError);
}

TEST(Dump, LosslessResaveOfAnAttributeTheClassDoesNotModel) {
  const auto bytes = with_schema_edit(corpus("Ridge.skops"), [](std::string& s) {
    const auto p = s.find("\"_sklearn_version\"");
    s.insert(p,
             "\"zz_custom_note\": {\"__class__\": \"str\", \"__module__\": \"builtins\", "
             "\"__loader__\": "
             "\"JsonNode\", \"content\": \"\\\"kept\\\"\", \"is_json\": true},\n");
    // keep key_types in step: one more str key type at the front of the list
    const auto k = s.find("\"key_types\"", p);
    const auto c = s.find("\"content\": [", k);
    s.insert(
        c + 12,
        "{\"__class__\": \"str\", \"__module__\": \"builtins\", \"__loader__\": \"TypeNode\"},");
  });
  auto est = loads(bytes);
  const auto again = dumps(*est);
  auto doc = Document::read_bytes(again);
  const Node* state = doc->root()->state_dict();
  ASSERT_TRUE(state);
  ASSERT_TRUE(state->get("zz_custom_note"));
  EXPECT_EQ(state->get("zz_custom_note")->str_value, "kept");
}

}  // namespace

// Files of 8 MB and more have their stored members' CRCs checked on a second thread while
// schema.json is parsed: a corrupt referenced member must still fail the load (with the
// same error kind on one thread), a corrupt unreferenced one must not.
TEST(Load, LargeFileCrcCheckedInTheBackgroundReportsLikeASerialLoad) {
  const std::string src = corpus("RandomForestClassifier.skops");
  const auto in = ArchiveReader::open_file(src);
  std::string referenced;
  for (const auto& e : in->entries()) {
    if (referenced.empty() && e.name.size() > 4 &&
        e.name.compare(e.name.size() - 4, 4, ".npy") == 0)
      referenced = e.name;
  }
  ASSERT_FALSE(referenced.empty());
  const std::string dir = ts::make_temp_dir("api-precheck");
  // The corpus file plus an unreferenced 9 MB stored member.
  auto write = [&](const std::string& path) {
    ArchiveWriter w(path);
    for (const auto& e : in->entries()) {
      const ByteView v = in->read(e.name);
      w.add(e.name, std::vector<std::uint8_t>(v.data, v.data + v.size));
    }
    std::vector<std::uint8_t> padding(9u << 20);
    for (std::size_t i = 0; i < padding.size(); ++i)
      padding[i] = static_cast<std::uint8_t>(i * 31 % 253);
    w.add("padding.bin", std::move(padding));
    w.commit();
  };
  // The last data byte of a member flipped after writing (the writer computes CRCs of what
  // it is given), so that only the CRC can tell.
  auto corrupt_member = [&](const std::string& path, const std::string& name) {
    std::vector<std::uint8_t> bytes = ts::read_file_bytes(path);
    const auto e = *ArchiveReader::open_bytes(bytes)->find(name);
    bytes[e.data_offset + e.size - 1] ^= 0x01;
    ts::write_file_bytes(path, bytes);
  };
  const std::string ok = dir + "/ok.skops", bad_ref = dir + "/bad_ref.skops",
                    bad_pad = dir + "/bad_pad.skops";
  write(ok);
  write(bad_ref);
  corrupt_member(bad_ref, referenced);
  write(bad_pad);
  corrupt_member(bad_pad, "padding.bin");
  for (const unsigned threads : {0u, 1u, 2u}) {
    for (const bool mmap : {false, true}) {
      LoadOptions o;
      o.threads = threads;
      o.memory_map = mmap;
      EXPECT_NO_THROW(load(ok, o)) << threads << mmap;
      EXPECT_NO_THROW(load(bad_pad, o)) << threads << mmap;
      try {
        load(bad_ref, o);
        ADD_FAILURE() << "corrupt member accepted, threads " << threads << " mmap " << mmap;
      } catch (const ArchiveError& e) {
        EXPECT_NE(std::string(e.what()).find("CRC mismatch"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(referenced), std::string::npos) << e.what();
      }
    }
  }
}
