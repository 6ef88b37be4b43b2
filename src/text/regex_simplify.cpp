// sre_parse's rewrites of a parsed alternation (CPython 3.11 re/_parser.py _parse_sub) and its
// duplicate removal in classes. They never change what a pattern matches, except through sre's
// IGNORECASE handling of class members above the BMP, which is why they are mirrored exactly.

#include "regex_program.hpp"

namespace skops::detail::text {
namespace {

std::unique_ptr<Node> make(Node::Kind kind, std::size_t offset) {
  auto n = std::make_unique<Node>();
  n->kind = kind;
  n->offset = offset;
  return n;
}

bool same_item(const ClassItem& a, const ClassItem& b) {
  return a.kind == b.kind && a.lo == b.lo && a.hi == b.hi &&
         (a.kind != ClassItem::Cat || a.category == b.category);
}

// Equality as Python compares the parsed (op, av) tuples: leaves by value, but groups and
// repeats hold SubPattern objects, which compare by identity (so never equal here).
bool same(const Node& a, const Node& b) {
  if (a.kind == Node::Group || a.kind == Node::Repeat || !a.children.empty()) return false;
  if (a.kind != b.kind || a.ch != b.ch || a.negate != b.negate || a.assertion != b.assertion ||
      a.capture != b.capture || a.min != b.min || a.max != b.max || a.greedy != b.greedy ||
      a.items.size() != b.items.size() || a.children.size() != b.children.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    if (!same_item(a.items[i], b.items[i])) return false;
  }
  for (std::size_t i = 0; i < a.children.size(); ++i) {
    if (!same(*a.children[i], *b.children[i])) return false;
  }
  return true;
}

}  // namespace

// sre_parse's _uniq: first occurrences, in order.
std::vector<ClassItem> uniq_class_items(const std::vector<ClassItem>& set) {
  std::vector<ClassItem> out;
  for (const ClassItem& it : set) {
    bool dup = false;
    for (const ClassItem& u : out) dup = dup || same_item(u, it);
    if (!dup) out.push_back(it);
  }
  return out;
}

// sre_parse's _parse_sub rewrites: a first item common to all branches moves out
// (ab|ac -> a(?:b|c)), and branches that are all single literals or non-negated classes
// become one class (a|[bc]|\d -> [abc\d]). Both keep the matches, except that the class
// form has sre's IGNORECASE quirks for members above the BMP, so they are mirrored.
std::unique_ptr<Node> simplify_alternation(std::vector<std::unique_ptr<Node>> branches,
                                           std::size_t start) {
  std::vector<std::vector<std::unique_ptr<Node>>> items;
  for (auto& b : branches) {
    std::vector<std::unique_ptr<Node>> seq;
    if (b->kind == Node::Concat) {
      seq = std::move(b->children);
    } else if (b->kind != Node::Empty) {
      seq.push_back(std::move(b));
    }
    items.push_back(std::move(seq));
  }
  auto out = make(Node::Concat, start);
  std::size_t skip = 0;  // items[i][0 .. skip) moved out
  for (;;) {
    bool common = true;
    for (const auto& it : items) {
      if (it.size() <= skip || !same(*it[skip], *items[0][skip])) {
        common = false;
        break;
      }
    }
    if (!common) break;
    out->children.push_back(std::move(items[0][skip]));
    ++skip;
  }
  bool as_set = true;
  std::vector<ClassItem> set;
  for (const auto& it : items) {
    if (it.size() != skip + 1) {
      as_set = false;
      break;
    }
    const Node& n = *it[skip];
    if (n.kind == Node::Literal) {
      set.push_back(ClassItem{ClassItem::Literal, n.ch, n.ch, Category::Digit});
    } else if (n.kind == Node::Class && !n.negate) {
      set.insert(set.end(), n.items.begin(), n.items.end());
    } else {
      as_set = false;
      break;
    }
  }
  if (as_set) {
    auto cls = make(Node::Class, start);
    cls->items = uniq_class_items(set);
    out->children.push_back(std::move(cls));
  } else {
    auto alt = make(Node::Alt, start);
    for (auto& it : items) {
      std::vector<std::unique_ptr<Node>> rest;
      for (std::size_t i = skip; i < it.size(); ++i) rest.push_back(std::move(it[i]));
      if (rest.size() == 1) {
        alt->children.push_back(std::move(rest[0]));
      } else {
        auto seq = make(rest.empty() ? Node::Empty : Node::Concat, start);
        seq->children = std::move(rest);
        alt->children.push_back(std::move(seq));
      }
    }
    out->children.push_back(std::move(alt));
  }
  if (out->children.size() == 1) return std::move(out->children[0]);
  return out;
}

}  // namespace skops::detail::text
